using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class JobTests(ConsoleNode node, ITestOutputHelper output)
{
    private const string Sales = "month,revenue,visits,region\n1,100,1000,north\n2,120,1180,south\n3,135,1290,north\n4,160,1555,east\n5,150,1490,south\n6,900,1600,north\n";

    [Fact]
    public async Task A_CSV_upload_is_submitted_and_its_progress_bar_reaches_100_percent_live()
    {
        var gate = Gates.NewId();
        var csv = Path.Combine(Path.GetTempPath(), $"{gate}.csv");
        await File.WriteAllTextAsync(csv, "x,y\n1,2\n2,4\n3,7\n");
        try
        {
            using var browser = new Browser(node.BaseAddress);
            browser.SignInAndWait(node.DemoKey);
            browser.Driver.FindElement(By.LinkText("Submit")).Click();
            var type = browser.Find("#submit-type", "the submit form");
            type.Clear();
            type.SendKeys(GatedAnalysis.AnalysisType);
            browser.Driver.FindElement(By.Id("submit-file")).SendKeys(csv);
            browser.Until(d => d.FindElement(By.Id("submit-csv")).GetDomProperty("value")!.StartsWith("x,y", StringComparison.Ordinal), "the chosen file's contents in the form");
            browser.Driver.FindElement(By.Id("submit-options")).SendKeys($"gate={gate}");
            output.WriteLine($"Screenshot: {browser.Screenshot("submit")}");
            browser.Driver.FindElement(By.CssSelector(".submit-form button[type=submit]")).Click();

            browser.Until(d => d.Url.Contains("/console/jobs/job_", StringComparison.Ordinal), "the new job's page");
            await Gates.WhenEntered(gate).WaitAsync(Browser.Timeout);
            browser.Until(d => d.FindElement(By.CssSelector("dd.status")).Text == "running", "the job page to show the job running");
            var bar = browser.Driver.FindElement(By.CssSelector(".progress-line progress"));
            Assert.True(int.Parse(bar.GetDomProperty("value")!, System.Globalization.CultureInfo.InvariantCulture) < 100, "the bar is short of 100 % while the step waits");
            Assert.Equal("wait", browser.Driver.FindElement(By.CssSelector("dd.step")).Text);
            browser.Script("window.__samePage = true;");

            Gates.Open(gate);

            browser.Until(d => d.FindElement(By.CssSelector(".progress-line progress")).GetDomProperty("value") == "100", "the progress bar to reach 100 %");
            browser.Until(d => d.FindElement(By.CssSelector("dd.status")).Text == "completed", "the status to say completed");
            Assert.Equal(true, browser.Script("return window.__samePage === true;"));
            var kinds = browser.Driver.FindElements(By.CssSelector(".timeline li")).Select(e => e.GetAttribute("data-event")).ToList();
            Assert.Equal(["queued", "started", "step", "step", "completed"], kinds);
            browser.Find(".report .summary", "the report under the timeline");
            output.WriteLine($"Screenshot: {browser.Screenshot("job-live")}");
        }
        finally
        {
            Gates.Open(gate);
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task The_report_shows_its_KPIs_findings_the_SVG_charts_and_downloads()
    {
        using var api = node.Client(node.DemoKey);
        var job = await ConsoleNode.SubmitAsync(api, JsonSerializer.Serialize(new { type = "data_interpretation", csv = Sales }));
        Assert.Equal("completed", await ConsoleNode.FinishedAsync(api, job));

        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Open($"/console/jobs/{job}");
        browser.Find(".charts figure svg", "the report's charts");

        var charts = browser.Driver.FindElements(By.CssSelector(".charts figure svg"));
        Assert.True(charts.Count >= 3, $"expected the box plots and the heat map, saw {charts.Count} charts");
        Assert.Contains(browser.Driver.FindElements(By.CssSelector(".charts figcaption")), c => c.Text == "Distribution of revenue");
        Assert.Contains(browser.Driver.FindElements(By.CssSelector(".kpi-name")), k => k.Text == "rows");
        Assert.Contains(browser.Driver.FindElements(By.CssSelector(".findings li strong")), f => f.Text == "'revenue' has outliers");
        Assert.Equal("statistical", browser.Driver.FindElement(By.CssSelector(".provenance dd")).Text);
        var downloads = browser.Driver.FindElements(By.CssSelector(".downloads a")).Select(a => new Uri(a.GetAttribute("href")!).PathAndQuery).ToList();
        Assert.Equal([$"/api/v1/analyses/{job}/result?format=md", $"/api/v1/analyses/{job}/result?format=html", $"/api/v1/analyses/{job}/result"], downloads);
        // The download links work with the session cookie alone.
        var markdown = (string)browser.Script("const r = await fetch(arguments[0]); return r.status + ' ' + (await r.text()).slice(0, 2);", downloads[0])!;
        Assert.Equal("200 # ", markdown);
        output.WriteLine($"Screenshot: {browser.FullPageScreenshot("job-report")}");
    }

    [Fact]
    public void The_APIs_validation_problems_are_shown_beside_their_fields()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Open("/console/submit");
        var type = browser.Find("#submit-type", "the submit form");
        type.Clear();
        type.SendKeys("no_such_type");
        browser.Driver.FindElement(By.Id("submit-csv")).SendKeys("x,y\n1,2\n");
        browser.Driver.FindElement(By.CssSelector(".submit-form button[type=submit]")).Click();

        var typeError = browser.Find(".field[data-field=type] .field-error", "the type's error beside its field");
        Assert.Contains("Unknown analysis type 'no_such_type'", typeError.Text, StringComparison.Ordinal);
        Assert.Equal("true", type.GetAttribute("aria-invalid"));

        type.Clear();
        type.SendKeys("data_interpretation");
        browser.Driver.FindElement(By.Id("submit-csv")).Clear();
        browser.Driver.FindElement(By.CssSelector(".submit-form button[type=submit]")).Click();
        var dataError = browser.Find(".field[data-field=csv] .field-error", "the data's error beside the data field");
        Assert.Contains("csv", dataError.Text, StringComparison.Ordinal);
        Assert.False(browser.Driver.FindElement(By.CssSelector(".field[data-field=type] .field-error")).Displayed, "the fixed type's error is gone");
        output.WriteLine($"Screenshot: {browser.Screenshot("submit-errors")}");
    }

    [Fact]
    public void Another_tenants_job_is_not_found()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Open($"/console/jobs/{node.OtherTenantJob}");

        var heading = browser.Until(d => d.FindElements(By.CssSelector("main h1")).FirstOrDefault(h => h.Text == "Not found"), "the not-found page");
        Assert.NotNull(heading);
        Assert.Contains($"No analysis job '{node.OtherTenantJob}' for this tenant", browser.Driver.FindElement(By.CssSelector("main .alert")).Text, StringComparison.Ordinal);
        Assert.Empty(browser.Driver.FindElements(By.CssSelector(".timeline li")));
    }

    [Fact]
    public async Task A_viewer_is_offered_no_cancel_and_the_API_refuses_the_cancel_it_forces()
    {
        var gate = Gates.NewId();
        using var analyst = node.Client(node.AnalystKey);
        try
        {
            var job = await ConsoleNode.SubmitHeldAsync(analyst, gate);
            using var browser = new Browser(node.BaseAddress);
            browser.SignInAndWait(node.ViewerKey);
            Assert.Equal("viewer", browser.Driver.FindElement(By.CssSelector("#who .role")).Text);
            Assert.Empty(browser.Driver.FindElements(By.LinkText("Submit")));
            Assert.Empty(browser.Driver.FindElements(By.LinkText("Admin")));

            browser.Open($"/console/jobs/{job}");
            browser.Until(d => d.FindElement(By.CssSelector("dd.status")).Text == "running", "the viewer's job page");
            Assert.Empty(browser.Driver.FindElements(By.Id("cancel-job")));

            // Forced from the page's own script, with the session's anti-forgery token: the role decides.
            var answer = (string)browser.Script("""
                const session = await (await fetch('/console/session')).json();
                const r = await fetch(arguments[0], { method: 'DELETE', headers: { [session.csrf_header]: session.csrf_token } });
                return r.status + ' ' + (await r.json()).code;
                """, $"/api/v1/analyses/{job}")!;
            Assert.Equal("403 forbidden", answer);
            var status = JsonDocument.Parse(await analyst.GetStringAsync($"/api/v1/analyses/{job}")).RootElement.GetProperty("status").GetString();
            Assert.Equal("running", status);
        }
        finally
        {
            Gates.Open(gate);
        }
    }
}
