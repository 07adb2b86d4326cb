using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AskTests(ConsoleNode node, ITestOutputHelper output)
{
    private const string Log = "case_id,activity,timestamp\nc1,A,0\nc1,B,10\nc1,C,40\nc2,A,0\nc2,B,20\nc2,C,50\nc3,A,0\nc3,B,5\nc3,B,25\nc3,C,35\n";

    [Fact]
    public async Task A_question_on_a_job_gets_its_answer_streamed_in_pieces()
    {
        using var api = node.Client(node.DemoKey);
        var job = await ConsoleNode.SubmitAsync(api, JsonSerializer.Serialize(new { type = "process_analysis", csv = Log }));
        Assert.Equal("completed", await ConsoleNode.FinishedAsync(api, job));

        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Open($"/console/ask?job={job}");
        var choice = browser.Find($"input[name=job][value='{job}']", "the job among those to ask about");
        Assert.True(choice.Selected, "the job named in the address is chosen");
        browser.Driver.FindElement(By.CssSelector(".start-conversation button[type=submit]")).Click();
        var question = browser.Find("#question", "the conversation page");

        // Count the pieces of the answer as they arrive, before the final message replaces them with the whole text.
        browser.Script("""
            window.__pieces = 0;
            new MutationObserver((changes) => {
              for (const change of changes) {
                if (change.target.closest?.('.message.streaming')) window.__pieces += change.addedNodes.length;
              }
            }).observe(document.querySelector('.messages'), { childList: true, subtree: true });
            """);
        question.SendKeys("What is the bottleneck?");
        browser.Driver.FindElement(By.CssSelector(".ask-form button[type=submit]")).Click();

        var answer = browser.Until(d => d.FindElements(By.CssSelector(".message.assistant:not(.streaming) .text")).LastOrDefault(e => e.Text.Length > 0),
            "the answer to finish streaming");
        Assert.Contains("bottleneck", answer.Text, StringComparison.OrdinalIgnoreCase);
        var pieces = Convert.ToInt32(browser.Script("return window.__pieces;"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pieces > 1, $"the answer arrived as {pieces} piece(s); a streamed answer comes in several");
        Assert.Contains("answered by", browser.Driver.FindElements(By.CssSelector(".message.assistant .meta")).Last().Text, StringComparison.Ordinal);
        output.WriteLine($"Screenshot: {browser.Screenshot("ask")}");
    }
}
