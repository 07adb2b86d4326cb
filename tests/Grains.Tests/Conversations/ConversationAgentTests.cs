using Actors.Conversations;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Llm;

namespace Actors.Grains.Tests.Conversations;

/// <summary>
/// A results question in a conversation is answered by an agent working over the bound job's own table
/// (read through the job) as well as its report, through the real OpenAI SDK client against the loopback
/// fake: an open question answered from a group-by it asked for; an invented number caught, asked for again,
/// then left to the rules with the reason; no provider, and the answer is the rules' as before.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class ConversationAgentTests(LlmClusterFixture fixture)
{
    private const string Sales = "region,revenue\nnorth,100\nsouth,200\nnorth,300\neast,90\nsouth,50\nnorth,250\n";
    private const string Question = "Which region should we invest in, and why?";
    private const string GroupBy = """{"group_by":"region","measure":"revenue","aggregates":["sum"]}""";

    // The job runs without a narrative, so the fake's script is the conversation's alone.
    private static readonly Dictionary<string, string> NoNarrative = new() { ["llm"] = "false" };

    [Fact]
    public async Task AnOpenQuestionIsAnsweredByTheAgentFromAGroupByOverTheJobsData()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var jobId = await CompletedSalesJobAsync(tenant);
        const string text = "Invest in the north: its revenue sums to 650, against 250 for the south.";
        openAi.Then(FakeReply.Answer("results", 40, 1), FakeReply.ToolCall("group_by", GroupBy, 300, 20), FakeReply.Answer(text, 500, 60));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(fixture.Client, tenant, id, Question);

        Assert.Equal((text, "results", "llm", "passed"), (answer.Text, answer.Intent, answer.AnsweredBy, answer.Grounding));
        var run = answer.Agent!;
        Assert.Equal(("business_analyst", "llm", "primary:gpt-test", null), (run.Agent, run.Engine, run.Model, run.FallbackReason));
        var call = Assert.Single(run.ToolCalls);
        Assert.Equal("group_by", call.Name);
        Assert.Contains("\"region\"", call.ArgumentsJson);
        Assert.Equal([new ConversationSource(jobId, ConversationSource.Data)], run.Sources);
        // The group-by ran over the job's table: its sums went back to the model.
        var toolResult = openAi.Requests[2]["messages"]!.AsArray()[^1]!.ToJsonString();
        Assert.Contains("650", toolResult);
        Assert.Contains("250", toolResult);
        // The data tools were offered with the report's, and the table's columns were in the prompt.
        Assert.Contains("\"top_n\"", openAi.Requests[1]["tools"]!.ToJsonString());
        Assert.Contains("\"get_metric\"", openAi.Requests[1]["tools"]!.ToJsonString());
        Assert.Contains("columns region, revenue", openAi.Requests[1].ToJsonString());
        // Tokens and cost: the answer's calls, in the run and in the ledger beside the routing call.
        Assert.Equal(880L, run.Tokens);
        Assert.Equal(800 * 2.5m / 1_000_000 + 80 * 10m / 1_000_000, run.CostUsd);
        var entries = await fixture.Client.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenant, fixture.Time.GetUtcNow())).Entries();
        Assert.Equal(["route", "answer"], entries.Select(e => e.Step));
        Assert.Equal(run.CostUsd, entries.Single(e => e.Step == "answer").CostUsd);
        Assert.Equal(3, openAi.RequestCount);
    }

    [Fact]
    public async Task AnInventedNumberIsCaughtAskedForAgainAndThenTheRulesAnswerWithTheReason()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var jobId = await CompletedSalesJobAsync(tenant);
        openAi.Then(FakeReply.Answer("results"), FakeReply.ToolCall("group_by", GroupBy),
            FakeReply.Answer("Invest in the north: 700 in revenue."), FakeReply.Answer("Invest in the north: 720 in revenue."));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(fixture.Client, tenant, id, Question);

        Assert.Equal(("results", "rules", "fallback"), (answer.Intent, answer.AnsweredBy, answer.Grounding));
        Assert.DoesNotContain("700", answer.Text);
        Assert.DoesNotContain("720", answer.Text);
        Assert.Equal(("statistical", "ungrounded"), (answer.Agent!.Engine, answer.Agent.FallbackReason));
        Assert.Equal(["group_by"], answer.Agent.ToolCalls.Select(c => c.Name));
        Assert.True(answer.Agent.Tokens > 0, "the refused answers were paid for and must be counted");
        Assert.Equal(4, openAi.RequestCount);
        // The second try was told which number it invented.
        Assert.Contains("700", openAi.Requests[3]["messages"]!.AsArray()[^1]!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task AnAnswerCorrectedOnTheSecondTryFromTheToolsIsRegenerated()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var jobId = await CompletedSalesJobAsync(tenant);
        openAi.Then(FakeReply.Answer("results"), FakeReply.ToolCall("group_by", GroupBy),
            FakeReply.Answer("Invest in the north: 700 in revenue."), FakeReply.Answer("Invest in the north: 650 in revenue."));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(fixture.Client, tenant, id, Question);

        Assert.Equal(("Invest in the north: 650 in revenue.", "llm", "regenerated", "llm"), (answer.Text, answer.AnsweredBy, answer.Grounding, answer.Agent!.Engine));
    }

    [Fact]
    public async Task WithNoProviderTheRulesAnswerAsBeforeAndNoAgentRuns()
    {
        var tenant = await fixture.TenantWithChainAsync(null);
        var jobId = await CompletedSalesJobAsync(tenant);
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(fixture.Client, tenant, id, "Summarize the results");

        Assert.Equal(("results", "rules", "rules", null), (answer.Intent, answer.RoutedBy, answer.AnsweredBy, answer.Grounding));
        Assert.StartsWith($"{jobId} (data_interpretation): ", answer.Text);
        Assert.Null(answer.Agent);
    }

    private async Task<string> CompletedSalesJobAsync(string tenant)
    {
        var jobId = Requests.NewJobId();
        var job = fixture.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));
        await job.Submit(Requests.Csv("data_interpretation", Sales, options: NoNarrative));
        var final = await Eventually.Terminal(job, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, final!.Status);
        return jobId;
    }
}
