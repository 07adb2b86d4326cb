using Actors.Agents;
using Actors.Analyses;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;

namespace Actors.Grains.Tests.Agents;

/// <summary>Consensus among agents: agreeing answers stand without a reviewer; disagreeing ones are reconciled by one, or left to the statistical tool, and the disagreement is reported.</summary>
[Collection(LlmClusterCollection.Name)]
public sealed class AgentConsensusTests(LlmClusterFixture fixture)
{
    private const string Sales = "region,revenue\nnorth,100\nsouth,200\nnorth,300\n";

    private static AgentOutcome Outcome(string agent, double north, string recommendation) => new("answer", agent, AgentOutcome.Llm,
        new AgentAnswer("s", [new AgentFinding("North leads", "info", "d", [new AgentEvidence("group_by", "north.sum", north)])],
            [new AgentRecommendation(recommendation, "d", "high", "low")]),
        "primary:gpt-test", [], 10, 2, 0m, null, []);

    private static AgentAssignment Reviewer(string tenant) => new(tenant, Requests.NewJobId(), "custom_analysis", "answer",
        BuiltInAgents.All[BuiltInAgentNames.QualityReviewer], "Answer the question.", "Where is revenue made?",
        AnalysisCatalog.ReadInput("custom_analysis", null, Sales, "Where is revenue made?", new Dictionary<string, string>()));

    private AgentConsensus Consensus => fixture.SiloService<AgentConsensus>(0);

    [Fact]
    public async Task AgreeingAnswersStandWithoutAskingTheReviewer()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var outcome = await Consensus.ReconcileAsync(Reviewer(tenant), [Outcome("business_analyst", 400, "Invest north"), Outcome("data_interpreter", 400, "Invest north")], CancellationToken.None);

        Assert.Equal((AgentConsensus.Unanimous, 400.0), (outcome.How, outcome.Answer!.Findings[0].Evidence[0].Value));
        Assert.Empty(outcome.Disagreement);
        Assert.Equal(0, openAi.RequestCount);
    }

    [Fact]
    public async Task DisagreeingAnswersAreReconciledByTheReviewerWhoSeesWhatTheyDisagreeOn()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.ToolCall("group_by", """{"group_by":"region","measure":"revenue"}"""), FakeReply.Answer("""
            {"summary":"The north leads with 400.","findings":[{"title":"North leads","severity":"info","detail":"North sums to 400.",
              "evidence":[{"source":"group_by","name":"north.sum","value":400}]}],
             "recommendations":[{"title":"Invest north","detail":"It leads.","impact":"high","effort":"low"}]}
            """));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var outcome = await Consensus.ReconcileAsync(Reviewer(tenant), [Outcome("business_analyst", 400, "Invest north"), Outcome("data_interpreter", 450, "Fix the south")], CancellationToken.None);

        Assert.Equal((AgentConsensus.Reconciled, "The north leads with 400."), (outcome.How, outcome.Answer!.Summary));
        Assert.Contains("'north.sum' is 400 (business_analyst) vs 450 (data_interpreter).", outcome.Disagreement);
        Assert.Equal(AgentOutcome.Llm, outcome.Review!.Engine);
        var goal = openAi.Requests[0]["messages"]![1]!["content"]!.ToString();
        Assert.Contains("vs 450 (data_interpreter)", goal);
        Assert.Contains("Fix the south", goal);
    }

    [Fact]
    public async Task AReviewerThatCannotReconcileLeavesTheStepToItsToolAndTheDisagreementStands()
    {
        var tenant = await fixture.TenantWithChainAsync(null);

        var outcome = await Consensus.ReconcileAsync(Reviewer(tenant), [Outcome("business_analyst", 400, "Invest north"), Outcome("data_interpreter", 450, "Invest north")], CancellationToken.None);

        Assert.Equal((AgentConsensus.NotReconciled, AgentOutcome.NoProvider), (outcome.How, outcome.Review!.FallbackReason));
        Assert.Null(outcome.Answer);
        Assert.Single(outcome.Disagreement);
    }
}
