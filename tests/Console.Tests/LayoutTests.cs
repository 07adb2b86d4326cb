using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class LayoutTests(ConsoleNode node, ITestOutputHelper output)
{
    [Theory]
    [InlineData("/console/jobs")]
    [InlineData("/console/submit")]
    [InlineData("/console/teams?new")]
    [InlineData("/console/admin/keys")]
    public void At_a_phones_width_pages_fit_and_every_control_is_labelled(string path)
    {
        using var browser = new Browser(node.BaseAddress, width: 390, height: 844);
        browser.SignInAndWait(node.DemoKey);
        browser.Open(path);
        browser.Find("main h1", $"the page {path}");
        browser.Until(d => d.FindElements(By.CssSelector("main p.muted")).All(p => p.Text != "Loading…"), $"{path} to finish loading");

        var unlabelled = ((IEnumerable<object>)browser.Script(Accessibility.UnlabelledControls)!).Cast<string>().ToList();
        Assert.True(unlabelled.Count == 0, $"unlabelled controls on {path}: {string.Join(" | ", unlabelled)}");
        var overflow = Convert.ToInt32(browser.Script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a phone's screen");
        output.WriteLine($"Screenshot: {browser.Screenshot("phone" + path.Replace('/', '-').Replace('?', '-'))}");
    }

    [Fact]
    public void Sign_in_and_navigation_work_from_the_keyboard()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.Open("/console/sign-in");
        var field = browser.Find("#credential", "the sign-in form");
        Assert.Equal(field, browser.Driver.SwitchTo().ActiveElement());
        field.SendKeys(node.DemoKey + Keys.Enter);
        browser.Find("#who .tenant", "the console after a keyboard sign-in");

        var teams = browser.Driver.FindElement(By.LinkText("Teams"));
        teams.SendKeys(Keys.Enter);
        browser.Find(".team-graph svg", "the teams page, opened from the keyboard");
    }

    [Fact]
    public async Task The_jobs_list_moves_a_rows_progress_live()
    {
        var gate = Gates.NewId();
        using var api = node.Client(node.DemoKey);
        try
        {
            var job = await ConsoleNode.SubmitHeldAsync(api, gate);
            using var browser = new Browser(node.BaseAddress);
            browser.SignInAndWait(node.DemoKey);
            browser.Find($"tr[data-job='{job}']", "the running job's row");
            browser.Until(d => d.FindElement(By.CssSelector(".live-state")).GetAttribute("data-state") == "live", "the list's live stream");
            Assert.NotEqual("100", browser.Driver.FindElement(By.CssSelector($"tr[data-job='{job}'] progress")).GetDomProperty("value"));
            output.WriteLine($"Screenshot: {browser.Screenshot("jobs")}");

            Gates.Open(gate);
            browser.Until(d => d.FindElement(By.CssSelector($"tr[data-job='{job}'] progress")).GetDomProperty("value") == "100", "the row's bar to reach 100 %");
            browser.Until(d => d.FindElement(By.CssSelector($"tr[data-job='{job}'] .badge")).Text == "completed", "the row to say completed");

            // A job submitted elsewhere (the walk-through's curl) appears on the open page.
            var next = await ConsoleNode.SubmitAsync(api, JsonSerializer.Serialize(new { type = "data_interpretation", csv = "x,y\n1,2\n2,4\n3,7\n" }));
            browser.Until(d => d.FindElements(By.CssSelector($"tr[data-job='{next}'] .badge")).FirstOrDefault(b => b.Text == "completed"), "the new job's row, completed");
        }
        finally
        {
            Gates.Open(gate);
        }
    }
}
