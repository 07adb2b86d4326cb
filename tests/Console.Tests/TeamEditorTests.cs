using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class TeamEditorTests(ConsoleNode node, ITestOutputHelper output)
{
    [Fact]
    public async Task A_team_built_in_the_editor_is_validated_by_the_API_and_saved_for_the_tenant()
    {
        var name = "console_" + Guid.NewGuid().ToString("N")[..8];
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Driver.FindElement(By.LinkText("Teams")).Click();
        browser.Find(".team-graph svg .node", "the built-in teams drawn as graphs");
        output.WriteLine($"Screenshot: {browser.FullPageScreenshot("teams")}");
        browser.Driver.FindElement(By.LinkText("New team")).Click();

        browser.Find("#team-name", "the team editor").SendKeys(name);
        Browser.Choose(browser.Driver.FindElement(By.Id("team-type")), "data_interpretation");
        AddStep(browser, 0, "profile", "data_interpreter", dependsOn: []);
        AddStep(browser, 1, "report", "report_writer", dependsOn: ["profile"]);
        browser.Find(".preview svg .node[data-step=report]", "the preview graph of the draft");

        // Refused first: report_writer may not run the profile tool, so the API lists the problem beside the form.
        Browser.Choose(browser.Driver.FindElement(By.CssSelector(".step-editor[data-index='0'] select[aria-label='Step 1 agent']")), "report_writer");
        browser.Driver.FindElement(By.CssSelector(".team-editor button[type=submit]")).Click();
        var problems = browser.Find(".team-editor .alert.error", "the API's problems with the team");
        Assert.Contains("report_writer", problems.Text, StringComparison.Ordinal);
        output.WriteLine($"Screenshot: {browser.Screenshot("team-editor-refused")}");

        Browser.Choose(browser.Driver.FindElement(By.CssSelector(".step-editor[data-index='0'] select[aria-label='Step 1 agent']")), "data_interpreter");
        browser.Driver.FindElement(By.CssSelector(".team-editor button[type=submit]")).Click();
        browser.Until(d => new Uri(d.Url).AbsolutePath == $"/console/teams/{name}", "the saved team's page");
        browser.Find($"article[data-team={name}] .team-graph svg .node[data-step=report]", "the saved team's graph");

        using var api = node.Client(node.DemoKey);
        var saved = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/teams/{name}")).RootElement;
        Assert.Equal(["profile", "report"], saved.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("tool").GetString()!).ToArray());
        Assert.Equal("profile", saved.GetProperty("steps")[1].GetProperty("depends_on")[0].GetString());
        Assert.False(saved.GetProperty("built_in").GetBoolean());
    }

    private static void AddStep(Browser browser, int index, string tool, string agent, string[] dependsOn)
    {
        browser.Driver.FindElement(By.Id("add-step")).Click();
        var step = browser.Find($".step-editor[data-index='{index}']", $"step {index + 1} in the editor");
        Browser.Choose(step.FindElement(By.CssSelector("select[data-part=tool]")), tool);
        step = browser.Driver.FindElement(By.CssSelector($".step-editor[data-index='{index}']"));
        Browser.Choose(step.FindElement(By.CssSelector($"select[aria-label='Step {index + 1} agent']")), agent);
        foreach (var dependency in dependsOn)
        {
            browser.Driver.FindElement(By.CssSelector($".step-editor[data-index='{index}'] .depends input[value={dependency}]")).Click();
        }
    }
}
