using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CsrfTests(ConsoleNode node, ITestOutputHelper output)
{
    [Fact]
    public async Task A_forged_form_from_another_origin_without_the_token_is_refused_and_submits_nothing()
    {
        var marker = "forged-" + Guid.NewGuid().ToString("N");
        // The classic JSON CSRF: a text/plain form whose one field spells a JSON body.
        using var site = new ForgingSite($$"""
            <!doctype html><html><body>
            <form method="post" action="{{node.BaseAddress}}api/v1/analyses" enctype="text/plain">
            <input type="hidden" name='{"type":"data_interpretation","question":"{{marker}}","csv":"x\n1\n","pad":"' value='"}'>
            </form>
            <script>document.forms[0].submit();</script>
            </body></html>
            """);
        using var api = node.Client(node.DemoKey);
        var before = await TotalJobsAsync(api);

        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        var answer = AnswerTo(browser, site, "the node's answer to the forged form");
        Assert.Contains("csrf_token_invalid", answer, StringComparison.Ordinal);
        output.WriteLine($"Screenshot: {browser.Screenshot("forged-form")}");
        Assert.Equal(before, await TotalJobsAsync(api));

        // The session itself is untouched: the console still works.
        browser.Open("/console/jobs");
        browser.Find("#who .tenant", "the console after the forged request");
    }

    [Fact]
    public void A_forged_sign_out_without_the_token_leaves_the_session_signed_in()
    {
        using var site = new ForgingSite($$"""
            <!doctype html><html><body>
            <form method="post" action="{{node.BaseAddress}}console/sign-out"><input type="hidden" name="x" value="1"></form>
            <script>document.forms[0].submit();</script>
            </body></html>
            """);
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        var answer = AnswerTo(browser, site, "the node's answer to the forged sign-out");
        Assert.Contains("csrf_token_invalid", answer, StringComparison.Ordinal);

        browser.Open("/console/jobs");
        browser.Find("#who .tenant", "the console: still signed in");
    }

    /// <summary>Visits the forging page, whose form posts itself to the node; answers what the node said.</summary>
    private string AnswerTo(Browser browser, ForgingSite site, string what)
    {
        browser.Driver.Navigate().GoToUrl(site.Address);
        return browser.Until(d => d.Url.StartsWith(node.BaseAddress.ToString(), StringComparison.Ordinal) ? d.FindElement(By.TagName("body")).Text : null, what);
    }

    private static async Task<int> TotalJobsAsync(HttpClient api) =>
        JsonDocument.Parse(await api.GetStringAsync("/api/v1/analyses?per_page=1")).RootElement.GetProperty("total").GetInt32();
}
