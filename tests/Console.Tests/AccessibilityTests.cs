using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

/// <summary>Contrast (WCAG AA), names on every control, and the main flows from the keyboard alone, in the browser.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleNode node, ITestOutputHelper output)
{
    /// <summary>The focused element's focus ring: its style, and its colour's contrast with what is behind it.</summary>
    private const string FocusRing = """
        const e = document.activeElement;
        const style = getComputedStyle(e);
        const parse = (t) => (/^rgba?\(([^)]+)\)$/.exec(t) ?? [null, '0,0,0,0'])[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
        const lum = (c) => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        let bg = [255, 255, 255];
        for (let p = e.parentElement; p; p = p.parentElement) { const c = parse(getComputedStyle(p).backgroundColor); if (c.length < 4 || c[3] === 1) { bg = c; break; } }
        const [a, b] = [lum(parse(style.outlineColor)), lum(bg)].sort((x, y) => y - x);
        return `${e.tagName.toLowerCase()}#${e.id} ${style.outlineStyle} ${style.outlineWidth} ${((a + 0.05) / (b + 0.05)).toFixed(2)}`;
        """;

    private void AssertAccessible(Browser browser, string page)
    {
        var contrast = Strings(browser.Script(Accessibility.ContrastFailures));
        Assert.True(contrast.Count == 0, $"text or controls below WCAG AA contrast on {page}:\n{string.Join("\n", contrast)}");
        var unlabelled = Strings(browser.Script(Accessibility.UnlabelledControls));
        Assert.True(unlabelled.Count == 0, $"unlabelled controls on {page}: {string.Join(" | ", unlabelled)}");
        var unnamed = Strings(browser.Script(Accessibility.UnnamedButtonsAndLinks));
        Assert.True(unnamed.Count == 0, $"buttons or links without a name on {page}: {string.Join(" | ", unnamed)}");
    }

    private static List<string> Strings(object? answer) => [.. ((IEnumerable<object>)answer!).Cast<string>()];

    private static void Loaded(Browser browser, string path)
    {
        browser.Find("main h1", $"the page {path}");
        browser.Until(d => d.FindElements(By.CssSelector("main p.muted")).All(p => p.Text != "Loading…"), $"{path} to finish loading");
    }

    [Theory]
    [InlineData("/console/jobs")]
    [InlineData("/console/submit")]
    [InlineData("/console/ask")]
    [InlineData("/console/teams")]
    [InlineData("/console/teams?new")]
    [InlineData("/console/admin/keys")]
    [InlineData("/console/admin/webhooks")]
    [InlineData("/console/admin/providers")]
    [InlineData("/console/admin/usage")]
    [InlineData("/console/admin/audit")]
    public void Every_text_and_control_on_the_page_meets_WCAG_AA_contrast_and_has_a_name(string path)
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Open(path);
        Loaded(browser, path);
        AssertAccessible(browser, path);
    }

    [Fact]
    public void Every_text_style_of_the_stylesheet_meets_WCAG_AA_contrast()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        Loaded(browser, "/console/jobs");
        browser.Script(Accessibility.Samples);
        browser.Find("#contrast-samples .badge-failed", "the stylesheet's samples on the page");
        AssertAccessible(browser, "the stylesheet's samples");
    }

    [Fact]
    public async Task A_jobs_report_page_meets_WCAG_AA_contrast()
    {
        using var api = node.Client(node.DemoKey);
        var job = await ConsoleNode.SubmitAsync(api, JsonSerializer.Serialize(new { type = "data_interpretation", csv = "month,revenue\n1,100\n2,120\n3,135\n4,160\n5,150\n6,900\n" }));
        Assert.Equal("completed", await ConsoleNode.FinishedAsync(api, job));

        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Open($"/console/jobs/{job}");
        browser.Find(".report .findings li", "the report's findings");
        AssertAccessible(browser, "the job's page");
    }

    [Fact]
    public void The_sign_in_page_and_its_error_meet_WCAG_AA_contrast()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.Open("/console/sign-in");
        browser.Find("#credential", "the sign-in form");
        AssertAccessible(browser, "the sign-in page");
        browser.SignIn("ak_test_" + new string('0', 48));
        browser.Find("#sign-in-error", "the sign-in error");
        AssertAccessible(browser, "the refused sign-in");
    }

    /// <summary>Presses Tab until the focused element matches; every stop in the page shows a focus ring of 3:1 against what is behind it.</summary>
    private static IWebElement TabTo(Browser browser, Func<IWebElement, bool> wanted, string what)
    {
        var seen = new List<string>();
        for (var presses = 0; presses < 60; presses++)
        {
            new Actions(browser.Driver).SendKeys(Keys.Tab).Perform();
            var ring = (string)browser.Script(FocusRing)!;
            seen.Add(ring);
            var parts = ring.Split(' ');
            if (parts[0] is "body#" or "html#")
            {
                continue; // Past the page's last stop focus goes to the browser; the next Tab enters the page at its top.
            }
            Assert.True(parts[1] != "none" && double.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture) >= 3,
                $"the focus ring of {parts[0]} is {ring} (style, width, contrast): not visible enough");
            var active = browser.Driver.SwitchTo().ActiveElement();
            if (wanted(active))
            {
                return active;
            }
        }
        throw new InvalidOperationException($"Tab never reached {what}; focus went: {string.Join(" → ", seen)}");
    }

    [Fact]
    public void Sign_in_and_a_submit_work_from_the_keyboard_alone()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.Open("/console/sign-in");
        browser.Find("#credential", "the sign-in form");
        browser.Script("document.activeElement.blur();");

        TabTo(browser, e => e.GetAttribute("id") == "credential", "the key field").SendKeys(node.AnalystKey);
        TabTo(browser, e => e.TagName == "button" && e.Text == "Sign in", "the sign-in button").SendKeys(Keys.Enter);
        browser.Find("#who .tenant", "the console after a keyboard sign-in");
        Loaded(browser, "/console/jobs");

        TabTo(browser, e => e.Text == "Skip to content", "the skip link").SendKeys(Keys.Enter);
        Assert.Equal("main", browser.Driver.SwitchTo().ActiveElement().GetAttribute("id"));
        TabTo(browser, e => e.TagName == "a" && e.Text == "Submit", "the Submit link").SendKeys(Keys.Enter);
        browser.Find("#submit-type", "the submit form, opened from the keyboard");

        browser.Script("document.activeElement.blur();");
        var type = TabTo(browser, e => e.GetAttribute("id") == "submit-type", "the type field");
        type.SendKeys(Keys.Control + "a");
        type.SendKeys("data_interpretation");
        TabTo(browser, e => e.GetAttribute("id") == "submit-csv", "the data field").SendKeys("x,y\n1,2\n2,4\n3,7\n");
        TabTo(browser, e => e.TagName == "button" && e.Text == "Submit", "the submit button").SendKeys(Keys.Enter);

        browser.Until(d => d.Url.Contains("/console/jobs/job_", StringComparison.Ordinal), "the job page after a keyboard submit");
        browser.Until(d => d.FindElement(By.CssSelector("dd.status")).Text == "completed", "the keyboard-submitted job to complete");
        output.WriteLine($"Screenshot: {browser.Screenshot("keyboard-submit")}");
    }
}
