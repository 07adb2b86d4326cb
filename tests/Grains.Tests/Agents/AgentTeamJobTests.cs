using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Llm;
using static Actors.Grains.Tests.Agents.FakeAgents;

namespace Actors.Grains.Tests.Agents;

/// <summary>
/// The shipped teams' strategies with agents, through the job: consensus (two agents answer, the reviewer
/// reconciles, the disagreement is in the report, each agent's calls in the ledger) and hierarchical (the
/// manager plans which specialists to ask and merges their answers); and a provider down mid-loop.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class AgentTeamJobTests(LlmClusterFixture fixture)
{
    private const string Sales = "region,revenue\nnorth,100\nsouth,200\nnorth,300\neast,90\nsouth,50\nnorth,250\n";
    private const string GroupBy = """{"group_by":"region","measure":"revenue","aggregates":["sum"]}""";
    private static readonly Dictionary<string, string> NoCache = new() { ["llm_cache"] = "false" };

    private async Task<(IAnalysisJob Job, JsonObject Report)> RunAsync(string tenant, string type, string csv, string? question = null, string? team = null)
    {
        var job = fixture.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()));
        await job.Submit(Requests.Csv(type, csv, options: NoCache) with { Question = question, TeamJson = team });
        var final = await Eventually.Terminal(job, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, final!.Status);
        return (job, JsonNode.Parse((await job.GetResult())!.ReportJson!)!.AsObject());
    }

    private static JsonNode Step(JsonObject report, string name) =>
        report["provenance"]!["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!;

    [Fact]
    public async Task UnderConsensusTwoAgentsAnswerTheReviewerReconcilesTheirDisagreementAndEachAgentsCallsAreInTheLedger()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Answering = By(
            (r => From(r, "Business Analyst"), ToolThenAnswer("group_by", GroupBy,
                Answer("Invest in the north: its revenue sums to 650.", "North leads", "group_by", "north.sum", 650, "Invest in the north"))),
            (r => From(r, "Data Interpreter"), ToolThenAnswer("group_by", GroupBy,
                Answer("The north sums to 650; the east trails.", "North leads", "group_by", "north.sum", 650, "Fix the east first"))),
            (r => From(r, "Quality Reviewer"), _ => FakeReply.Answer(
                Answer("Invest in the north, which sums to 650.", "North leads", "group_by", "north.sum", 650, "Invest in the north"), 400, 50)),
            (IsNarrative, _ => FakeReply.Answer("The north leads.", 100, 10)));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var (_, report) = await RunAsync(tenant, "custom_analysis", Sales, "Which region should we invest in, and why?");

        var answer = Step(report, "answer");
        Assert.Equal(("llm", "quality_reviewer", "reconciled"), (answer["engine"]!.GetValue<string>(), answer["agent"]!.GetValue<string>(),
            answer["consensus"]!["how"]!.GetValue<string>()));
        Assert.Contains("First recommendations differ: 'Invest in the north' (business_analyst); 'Fix the east first' (data_interpreter).",
            answer["consensus"]!["disagreement"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["llm", "llm"], answer["consensus"]!["agents"]!.AsArray().Select(a => a!["engine"]!.GetValue<string>()));
        Assert.Equal(["group_by", "group_by"], answer["tool_calls"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var kept = report["agents"]![0]!;
        Assert.Equal(("Invest in the north, which sums to 650.", "reconciled"), (kept["summary"]!.GetValue<string>(), kept["consensus"]!["how"]!.GetValue<string>()));
        Assert.Equal((2, 2, 1, 1), (Count(openAi, r => From(r, "Business Analyst")), Count(openAi, r => From(r, "Data Interpreter")),
            Count(openAi, r => From(r, "Quality Reviewer")), Count(openAi, IsNarrative)));

        // Each agent's calls are in the tenant's ledger under its name and step; the report's usage adds them all up.
        var entries = await fixture.Client.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenant, fixture.Time.GetUtcNow())).Entries();
        var byAgent = entries.GroupBy(e => (e.Agent, e.Step)).ToDictionary(g => g.Key, g => (g.Sum(e => e.InputTokens), g.Sum(e => e.OutputTokens)));
        Assert.Equal((800L, 120L), byAgent[("business_analyst", "answer")]);
        Assert.Equal((800L, 120L), byAgent[("data_interpreter", "answer")]);
        Assert.Equal((400L, 50L), byAgent[("quality_reviewer", "answer")]);
        Assert.Equal((100L, 10L), byAgent[("report_writer", "report")]);
        Assert.Equal((2100L, 300L), (report["usage"]!["input_tokens"]!.GetValue<long>(), report["usage"]!["output_tokens"]!.GetValue<long>()));
        Assert.Equal(entries.Sum(e => e.CostUsd), report["usage"]!["cost_usd"]!.GetValue<decimal>());
        Assert.True(entries.Sum(e => e.CostUsd) > 0m);
    }

    private static Func<JsonObject, CancellationToken, Task<FakeReply?>> ProcessTeam(string plan) => By(
        (IsPlan, _ => FakeReply.Answer(plan, 150, 15)),
        (r => From(r, "Process Optimizer") && User(r).Contains("Merge your specialists' answers", StringComparison.Ordinal), _ => FakeReply.Answer(
            Answer("The median case takes 40 seconds over 10 events.", "Cases wait", "process_mining", "median_cycle_time_s", 40, "Shorten the wait before C"), 250, 40)),
        (r => From(r, "Process Optimizer"), ToolThenAnswer("process_mining", "{}",
            Answer("The median case takes 40 seconds.", "Cases wait", "process_mining", "median_cycle_time_s", 40, "Shorten the wait before C"))),
        (r => From(r, "Data Interpreter"), ToolThenAnswer("profile", "{}",
            Answer("The log has 10 events and no gaps.", "Complete log", "profile", "rows", 10, "Mine it as it is"))),
        (IsNarrative, _ => FakeReply.Answer("The process loses time between steps.", 100, 10)));

    [Fact]
    public async Task UnderHierarchyTheManagerPlansWhichSpecialistsToAskAndMergesTheirAnswers()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Answering = ProcessTeam("""{"ask":[{"step":"profile","why":"Check the log first."},{"step":"mine","why":"The question is about waiting."}]}""");
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var (job, report) = await RunAsync(tenant, "process_analysis", Conversations.ConversationTests.ProcessCsv, "Where do cases wait?");

        var team = report["provenance"]!["team"]!;
        Assert.Equal(("llm", "process_optimizer"), (team["plan"]!["engine"]!.GetValue<string>(), team["plan"]!["agent"]!.GetValue<string>()));
        Assert.Equal(["profile", "mine"], team["plan"]!["asked"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("The question is about waiting.", team["plan"]!["why"]!["mine"]!.GetValue<string>());
        Assert.Equal(("llm", "llm"), (Step(report, "profile")["engine"]!.GetValue<string>(), Step(report, "mine")["engine"]!.GetValue<string>()));
        var merged = report["team_answer"]!;
        Assert.Equal(("merged", "process_optimizer", "The median case takes 40 seconds over 10 events."),
            (merged["how"]!.GetValue<string>(), merged["agent"]!.GetValue<string>(), merged["summary"]!.GetValue<string>()));
        Assert.Equal(["data_interpreter", "process_optimizer"], merged["from"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(290L, team["merge"]!["tokens"]!.GetValue<long>());
        Assert.Equal((1, 2, 2, 1), (Count(openAi, IsPlan), Count(openAi, r => From(r, "Data Interpreter")),
            Count(openAi, r => From(r, "Process Optimizer") && !User(r).Contains("Merge", StringComparison.Ordinal)),
            Count(openAi, r => User(r).Contains("Merge your specialists' answers", StringComparison.Ordinal))));
        // The plan and the merge are checkpoints of their own, each written as it finished.
        var events = (await job.GetEvents(0))!.Events;
        Assert.Contains(events, e => e.Kind == JobEventKind.Step && e.Message == "kept _plan");
        Assert.Contains(events, e => e.Kind == JobEventKind.Step && e.Message == "kept _merge");
    }

    [Fact]
    public async Task ASpecialistTheManagerDoesNotPlanRunsItsStatisticalToolOnlyAndTheOneAnswerStands()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Answering = ProcessTeam("""{"ask":[{"step":"mine","why":"Only the waiting matters."}]}""");
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var (_, report) = await RunAsync(tenant, "process_analysis", Conversations.ConversationTests.ProcessCsv, "Where do cases wait?");

        Assert.Equal(("statistical", "not_planned"), (Step(report, "profile")["engine"]!.GetValue<string>(), Step(report, "profile")["fallback_reason"]!.GetValue<string>()));
        Assert.Equal(0, Count(openAi, r => From(r, "Data Interpreter")));
        var stood = report["team_answer"]!;
        Assert.Equal(("only_answer", "The median case takes 40 seconds."), (stood["how"]!.GetValue<string>(), stood["summary"]!.GetValue<string>()));
        Assert.Equal(0, Count(openAi, r => User(r).Contains("Merge your specialists' answers", StringComparison.Ordinal)));
        Assert.NotNull(report["metrics"]!["median_cycle_time_s"]);
    }

    [Fact]
    public async Task AProviderDownMidLoopLeavesTheStepToItsToolAsProviderErrorAndTheNextJobFindsTheBreakerOpen()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.ToolCall("group_by", GroupBy));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var team = AgentJobTests.Team;

        var (job, report) = await RunAsync(tenant, "custom_analysis", Sales, "Which region should we invest in?", team);

        var answer = Step(report, "answer");
        Assert.Equal(("statistical", "provider_error"), (answer["engine"]!.GetValue<string>(), answer["fallback_reason"]!.GetValue<string>()));
        Assert.Null(report["agents"]);
        Assert.False(string.IsNullOrWhiteSpace(report["summary"]!.GetValue<string>()));
        Assert.Contains((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Agent && e.Message!.Contains("(provider_error)"));
        await Eventually.Until(() => fixture.HealthAsync(tenant, "primary", "gpt-test"), h => h.State == BreakerState.Open, "the primary's circuit to open");
        var asked = openAi.RequestCount;

        var (_, next) = await RunAsync(tenant, "custom_analysis", Sales, "Which region should we invest in?", team);

        Assert.Equal("breaker_open", Step(next, "answer")["fallback_reason"]!.GetValue<string>());
        Assert.Equal(asked, openAi.RequestCount);
    }
}
