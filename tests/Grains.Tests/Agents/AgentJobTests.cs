using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;

namespace Actors.Grains.Tests.Agents;

/// <summary>
/// A custom_analysis job whose answer step names a goal: with a fake LLM the business analyst answers
/// the open question from a group-by it asked for (provenance says llm, the answer is in the report,
/// agent events are replayable); with no provider the same job completes statistically and says why.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class AgentJobTests(LlmClusterFixture fixture)
{
    private const string Sales = "region,revenue\nnorth,100\nsouth,200\nnorth,300\neast,90\nsouth,50\nnorth,250\n";
    private const string Question = "Which region should we invest in, and why?";

    public static readonly string Team = new JsonObject
    {
        ["name"] = "invest",
        ["analysis_type"] = "custom_analysis",
        ["strategy"] = "sequential",
        ["steps"] = new JsonArray(
            new JsonObject { ["tool"] = "profile", ["agent"] = "data_interpreter" },
            new JsonObject { ["tool"] = "intent", ["agent"] = "business_analyst", ["depends_on"] = new JsonArray("profile") },
            new JsonObject
            {
                ["tool"] = "answer", ["agent"] = "business_analyst", ["depends_on"] = new JsonArray("profile", "intent"),
                ["goal"] = "Answer the question from the data: which region to invest in, and why.",
            },
            new JsonObject { ["tool"] = "report", ["agent"] = "report_writer", ["depends_on"] = new JsonArray("profile", "intent", "answer") }),
    }.ToJsonString();

    private const string Answer = """
        {"summary":"Invest in the north: its revenue sums to 650, against 250 for the south.",
         "findings":[{"title":"North leads","severity":"info","detail":"North sums to 650.","evidence":[{"source":"group_by","name":"north.sum","value":650}]}],
         "recommendations":[{"title":"Invest in the north","detail":"It brings the most revenue.","impact":"high","effort":"medium"}]}
        """;

    private async Task<(JsonObject Report, IReadOnlyList<JobEvent> Events)> RunAsync(string tenant)
    {
        var job = fixture.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()));
        var request = Requests.Csv("custom_analysis", Sales, options: new Dictionary<string, string> { ["llm_cache"] = "false" }) with { Question = Question, TeamJson = Team };
        await job.Submit(request);
        var final = await Eventually.Terminal(job, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, final!.Status);
        var events = (await job.GetEvents(0))!.Events;
        return (JsonNode.Parse((await job.GetResult())!.ReportJson!)!.AsObject(), events);
    }

    private static JsonNode Step(JsonObject report, string name) =>
        report["provenance"]!["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!;

    [Fact]
    public async Task AnOpenQuestionIsAnsweredByTheAgentWithProvenanceLlmAndItsNumbersTrace()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(
            FakeReply.ToolCall("group_by", """{"group_by":"region","measure":"revenue","aggregates":["sum"]}""", 300, 20),
            FakeReply.Answer(Answer, 500, 100),
            FakeReply.Answer("The data has 6 rows.", 100, 10));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var (report, events) = await RunAsync(tenant);

        var answer = Step(report, "answer");
        Assert.Equal(("llm", "business_analyst", "primary:gpt-test", 920L), (answer["engine"]!.GetValue<string>(), answer["agent"]!.GetValue<string>(),
            answer["model"]!.GetValue<string>(), answer["tokens"]!.GetValue<long>()));
        Assert.Equal("group_by", answer["tool_calls"]![0]!["name"]!.GetValue<string>());
        Assert.Null(answer["fallback_reason"]);
        Assert.Equal("statistical", Step(report, "profile")["engine"]!.GetValue<string>());
        var agentAnswer = report["agents"]![0]!;
        Assert.Equal(("answer", "Invest in the north: its revenue sums to 650, against 250 for the south."),
            (agentAnswer["step"]!.GetValue<string>(), agentAnswer["summary"]!.GetValue<string>()));
        Assert.Equal(650, agentAnswer["findings"]![0]!["evidence"]!["north.sum"]!.GetValue<double>());
        // The statistical answer stays in the metrics; the agent's tokens are in the job's usage.
        Assert.NotNull(report["metrics"]);
        Assert.Equal((900L, 130L), (report["usage"]!["input_tokens"]!.GetValue<long>(), report["usage"]!["output_tokens"]!.GetValue<long>()));
        Assert.Equal(["agent", "agent", "agent"], events.Where(e => e.Kind == JobEventKind.Agent).Select(e => e.Kind.ToWire()));
        Assert.Contains(events, e => e.Kind == JobEventKind.Agent && e.Message!.Contains("called group_by"));
        Assert.Contains(events, e => e.Kind == JobEventKind.Agent && e.Message!.Contains("answered answer with primary:gpt-test"));
        Assert.Equal(3, openAi.RequestCount);
    }

    [Fact]
    public async Task WithTheLlmGoneTheSameJobCompletesStatisticallyAndSaysWhy()
    {
        var tenant = await fixture.TenantWithChainAsync(null);

        var (report, events) = await RunAsync(tenant);

        var answer = Step(report, "answer");
        Assert.Equal(("statistical", "no_provider"), (answer["engine"]!.GetValue<string>(), answer["fallback_reason"]!.GetValue<string>()));
        Assert.Null(report["agents"]);
        Assert.False(string.IsNullOrWhiteSpace(report["summary"]!.GetValue<string>()));
        Assert.Contains(events, e => e.Kind == JobEventKind.Agent && e.Message!.Contains("fell back") && e.Message.Contains("no_provider"));
    }
}
