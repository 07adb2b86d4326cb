using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SubmitTests(ConsoleNode node, ITestOutputHelper output)
{
    /// <summary>
    /// Drags a file onto an element as the browser does for a file from the desktop: dragenter, dragover and
    /// drop events carrying a DataTransfer that holds a File. Answers whether the zone showed itself as a target.
    /// </summary>
    private const string DropFile = """
        const [zone, text, name] = arguments;
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'text/csv' }));
        const fire = (type) => zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        fire('dragenter');
        const accepted = !fire('dragover'); // A drop target cancels dragover; otherwise the browser refuses the drop.
        const highlighted = zone.classList.contains('over');
        fire('drop');
        return accepted && highlighted && !zone.classList.contains('over');
        """;

    [Fact]
    public async Task A_CSV_file_dropped_on_the_drop_zone_fills_the_form_and_is_submitted()
    {
        const string csv = "month,revenue\n1,100\n2,120\n3,135\n4,160\n";
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.AnalystKey);
        browser.Open("/console/submit");
        var zone = browser.Find(".drop-zone", "the submit form's drop zone");

        Assert.Equal(true, browser.Script(DropFile, zone, csv, "sales.csv"));

        browser.Until(d => d.FindElement(By.Id("submit-csv")).GetDomProperty("value") == csv, "the dropped file's contents in the data field");
        Assert.StartsWith("sales.csv (", browser.Driver.FindElement(By.CssSelector(".drop-zone .file-name")).Text, StringComparison.Ordinal);
        output.WriteLine($"Screenshot: {browser.Screenshot("submit-dropped")}");
        browser.Driver.FindElement(By.CssSelector(".submit-form button[type=submit]")).Click();

        browser.Until(d => d.Url.Contains("/console/jobs/job_", StringComparison.Ordinal), "the dropped file's job page");
        var job = new Uri(browser.Driver.Url).Segments[^1];
        browser.Until(d => d.FindElement(By.CssSelector("dd.status")).Text == "completed", "the dropped file's job to complete");
        using var api = node.Client(node.AnalystKey);
        var report = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/analyses/{job}/result")).RootElement;
        var rows = report.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "rows");
        Assert.Equal(4, rows.GetProperty("value").GetDouble());
    }
}
