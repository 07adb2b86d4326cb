using System.Net;
using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Analyses;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Llm;

namespace Actors.Grains.Tests.Agents;

/// <summary>
/// An agent step's LLM loop through the real SDK clients against the loopback fake: scripted multi-turn
/// tool calls answered from the job's own table, the structured answer and its grounding, one retry,
/// every fallback reason, and the events a watcher sees.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class AgentLoopTests(LlmClusterFixture fixture)
{
    // north 100 + 300 + 250 = 650; south 200 + 50 = 250; east 90.
    private const string Sales = "region,revenue,units\nnorth,100,1\nsouth,200,4\nnorth,300,3\neast,90,2\nsouth,50,1\nnorth,250,5\n";
    private const string Question = "Which region should we invest in, and why?";

    private const string GroupBy = """{"group_by":"region","measure":"revenue","aggregates":["sum"]}""";

    private static string Answer(double north, double south) => $$"""
        {"summary":"Invest in the north: its revenue is {{north}}, against {{south}} for the south.",
         "findings":[{"title":"North leads","severity":"info","detail":"North sums to {{north}}.",
                      "evidence":[{"source":"group_by","name":"north.sum","value":{{north}}}]}],
         "recommendations":[{"title":"Invest in the north","detail":"It brings the most revenue.","impact":"high","effort":"medium"}]}
        """;

    private static AgentAssignment Work(string tenant, List<AgentEvent>? events = null) => new(
        tenant, Requests.NewJobId(), "custom_analysis", "answer", BuiltInAgents.All[BuiltInAgentNames.BusinessAnalyst],
        "Answer the question from the data.", Question,
        AnalysisCatalog.ReadInput("custom_analysis", null, Sales, Question, new Dictionary<string, string>()),
        BusinessContext: "Industry: retail. Goal: grow revenue.",
        Events: events is null ? null : e =>
        {
            lock (events)
            {
                events.Add(e);
            }
            return Task.CompletedTask;
        });

    /// <summary>The tool result the model was sent back, as text (OllamaSharp wraps it as {CallId, Result}).</summary>
    private static string ToolResult(JsonObject request)
    {
        var content = request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.GetValue<string>();
        return JsonNode.Parse(content) is JsonObject { } wrapped && wrapped["Result"] is JsonValue result ? result.GetValue<string>() : content;
    }

    private AgentLoop Loop => fixture.SiloService<AgentLoop>(0);

    [Fact]
    public async Task AnAgentAnswersAnOpenQuestionFromAGroupByItAskedForAndEveryNumberTraces()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.ToolCall("group_by", GroupBy, 300, 20), FakeReply.Answer(Answer(650, 250), 500, 120));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var events = new List<AgentEvent>();

        var outcome = await Loop.RunAsync(Work(tenant, events), CancellationToken.None);

        Assert.Equal((AgentOutcome.Llm, "primary:gpt-test", (string?)null), (outcome.Engine, outcome.Model, outcome.FallbackReason));
        Assert.Equal("Invest in the north: its revenue is 650, against 250 for the south.", outcome.Answer!.Summary);
        var call = Assert.Single(outcome.ToolCalls);
        Assert.Equal(("group_by", "region"), (call.Name, call.Arguments["group_by"]!.GetValue<string>()));
        // The tool ran over the job's table: its result went back to the model with the sums.
        Assert.Contains("\"sum\":650", ToolResult(openAi.Requests[1]));
        var first = openAi.Requests[0];
        Assert.Equal("json_schema", first["response_format"]!["type"]!.GetValue<string>());
        Assert.Contains(first["tools"]!.AsArray(), t => t!["function"]!["name"]!.GetValue<string>() == "group_by");
        var system = first["messages"]![0]!["content"]!.ToString();
        Assert.Contains("Business Analyst", system);
        Assert.Contains("Industry: retail.", system);
        Assert.Equal((800L, 140L), (outcome.InputTokens, outcome.OutputTokens));
        Assert.Equal(800 * 2.5m / 1_000_000 + 140 * 10m / 1_000_000, outcome.CostUsd);
        var entry = Assert.Single(await fixture.Client.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenant, fixture.Time.GetUtcNow())).Entries());
        Assert.Equal(("business_analyst", "answer", outcome.CostUsd), (entry.Agent, entry.Step, entry.CostUsd));
        Assert.Equal([AgentEvent.StepStarted, AgentEvent.ToolCalledKind, AgentEvent.AnsweredKind], events.Select(e => e.Kind));
        Assert.Equal(("group_by", call.ResultChars), (events[1].Tool, events[1].ResultChars!.Value));
        var provenance = outcome.ToProvenance();
        Assert.Equal(("llm", 940L, "group_by"), (provenance["engine"]!.GetValue<string>(), provenance["tokens"]!.GetValue<long>(),
            provenance["tool_calls"]![0]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SeveralToolCallsInOneTurnAllRunAndTheirNumbersGround()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(
            FakeReply.ToolCalls([new("group_by", GroupBy), new("describe_column", """{"column":"units"}""")]),
            FakeReply.ToolCall("ratio", """{"numerator":650,"denominator":250}"""),
            FakeReply.Answer(Answer(650, 250).Replace("It brings the most revenue.", "It brings 2.6 times the south's revenue from 16 units.")));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var outcome = await Loop.RunAsync(Work(tenant), CancellationToken.None);

        Assert.Equal(AgentOutcome.Llm, outcome.Engine);
        Assert.Equal(["group_by", "describe_column", "ratio"], outcome.ToolCalls.Select(c => c.Name));
        Assert.Equal(3, openAi.RequestCount);
    }

    [Fact]
    public async Task AnInventedNumberIsAskedForAgainNamingItThenTheStepFallsBackAsUngrounded()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.ToolCall("group_by", GroupBy), FakeReply.Answer(Answer(700, 250)), FakeReply.Answer(Answer(710, 250)));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var events = new List<AgentEvent>();

        var outcome = await Loop.RunAsync(Work(tenant, events), CancellationToken.None);

        Assert.Equal((AgentOutcome.Statistical, AgentOutcome.Ungrounded), (outcome.Engine, outcome.FallbackReason));
        Assert.Null(outcome.Answer);
        Assert.Equal(3, openAi.RequestCount);
        var feedback = openAi.Requests[2]["messages"]!.AsArray()[^1]!["content"]!.ToString();
        Assert.Contains("700", feedback);
        Assert.Contains(outcome.Issues, i => i.Contains("710"));
        // Both answers were paid for.
        Assert.Equal(2, (await fixture.Client.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenant, fixture.Time.GetUtcNow())).Entries()).Count);
        Assert.Equal((AgentEvent.FellBackKind, AgentOutcome.Ungrounded), (events[^1].Kind, events[^1].FallbackReason));
    }

    [Fact]
    public async Task ACorrectedSecondAnswerIsTaken()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.ToolCall("group_by", GroupBy), FakeReply.Answer(Answer(700, 250)), FakeReply.Answer(Answer(650, 250)));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var outcome = await Loop.RunAsync(Work(tenant), CancellationToken.None);

        Assert.Equal((AgentOutcome.Llm, 650.0), (outcome.Engine, outcome.Answer!.Findings[0].Evidence[0].Value));
    }

    [Fact]
    public async Task AnswersThatAreNotTheSchemasJsonFallBackAsInvalidOutput()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.Answer("The north, clearly."), FakeReply.Answer("""{"summary":"The north."}"""));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var outcome = await Loop.RunAsync(Work(tenant), CancellationToken.None);

        Assert.Equal(AgentOutcome.InvalidOutput, outcome.FallbackReason);
        Assert.Contains("not a JSON object", openAi.Requests[1]["messages"]!.AsArray()[^1]!["content"]!.ToString());
        Assert.Contains("findings: must be a list.", outcome.Issues);
    }

    [Fact]
    public async Task AProviderDownMidLoopHandsTheStepToTheNextProviderWhichAnswers()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        await using var ollama = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.ToolCall("group_by", GroupBy), FakeReply.Status(HttpStatusCode.InternalServerError));
        ollama.Then(FakeReply.ToolCall("group_by", GroupBy), FakeReply.Answer(Answer(650, 250)));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi), LlmClusterFixture.OllamaEntry(ollama));

        var outcome = await Loop.RunAsync(Work(tenant), CancellationToken.None);

        Assert.Equal((AgentOutcome.Llm, "backup:llama-test"), (outcome.Engine, outcome.Model));
        // The tool call, the failed turn and its retry (fallback 500), then Ollama's two turns.
        Assert.Equal(3, openAi.RequestCount);
        Assert.Equal(2, ollama.RequestCount);
        Assert.Equal(["group_by", "group_by"], outcome.ToolCalls.Select(c => c.Name));
        Assert.Contains("\"sum\":650", ToolResult(ollama.Requests[1]));
    }

    [Fact]
    public async Task AProviderDownWithNoOtherFallsBackAsProviderErrorThenAsBreakerOpen()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var down = await Loop.RunAsync(Work(tenant), CancellationToken.None);
        await Eventually.Until(() => fixture.HealthAsync(tenant, "primary", "gpt-test"), h => h.State == BreakerState.Open, "the primary's circuit to open");
        var open = await Eventually.Until(() => fixture.SiloService<AgentLoop>(1).RunAsync(Work(tenant), CancellationToken.None),
            o => o.FallbackReason == AgentOutcome.BreakerOpen, "the other silo to skip the open circuit");

        Assert.Equal((AgentOutcome.Statistical, AgentOutcome.ProviderError), (down.Engine, down.FallbackReason));
        Assert.Equal((AgentOutcome.Statistical, 0L), (open.Engine, open.InputTokens));
    }

    [Fact]
    public async Task NoProviderAndASpentBudgetFallBackAtOnceWithoutARequest()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var none = await fixture.TenantWithChainAsync(null);
        var spent = await fixture.TenantWithChainAsync(0m, LlmClusterFixture.OpenAiEntry(openAi));

        var noProvider = await Loop.RunAsync(Work(none), CancellationToken.None);
        var budget = await Loop.RunAsync(Work(spent), CancellationToken.None);

        Assert.Equal((AgentOutcome.Statistical, AgentOutcome.NoProvider), (noProvider.Engine, noProvider.FallbackReason));
        Assert.Equal((AgentOutcome.Statistical, AgentOutcome.BudgetReached), (budget.Engine, budget.FallbackReason));
        Assert.Equal(0, openAi.RequestCount);
    }

    [Fact]
    public async Task OllamasToolCallsRunTheSameLoop()
    {
        await using var ollama = await FakeLlmServer.StartAsync();
        ollama.Then(FakeReply.ToolCall("top_n", """{"column":"revenue","n":1,"columns":["region","revenue"]}"""), FakeReply.Answer("""
            {"summary":"The north made the largest sale, 300.",
             "findings":[{"title":"Largest sale","severity":"info","detail":"One north row sold 300.","evidence":[{"source":"top_n","name":"revenue","value":300}]}],
             "recommendations":[]}
            """));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OllamaEntry(ollama));

        var outcome = await Loop.RunAsync(Work(tenant), CancellationToken.None);

        Assert.Equal((AgentOutcome.Llm, "backup:llama-test"), (outcome.Engine, outcome.Model));
        Assert.Contains("\"revenue\":300", ToolResult(ollama.Requests[1]));
        Assert.Equal(["top_n"], outcome.ToolCalls.Select(c => c.Name));
        Assert.NotNull(ollama.Requests[0]["format"]);
    }
}
