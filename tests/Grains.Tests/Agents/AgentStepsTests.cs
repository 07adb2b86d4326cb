using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Analyses;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Teams;

namespace Actors.Grains.Tests.Agents;

/// <summary>
/// A team step with a goal: the statistical tool answers first and stays the step's output; the agent
/// works the goal with the tenant's business context and may quote the tool's numbers; without a goal
/// or with the LLM switched off nobody is asked.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class AgentStepsTests(LlmClusterFixture fixture)
{
    private const string Sales = "region,revenue\nnorth,100\nsouth,200\nnorth,300\n";

    private static readonly JsonObject Statistical = new() { ["total"] = 600, ["top"] = "north" };

    private static Task<JsonNode> Tool(CancellationToken _) => Task.FromResult<JsonNode>(Statistical.DeepClone());

    private static AgentStepCall Call(string tenant, string? goal, bool llm = true) => new(
        tenant, Requests.NewJobId(), "custom_analysis",
        new TeamStep("answer", Agent: BuiltInAgentNames.BusinessAnalyst, Goal: goal), BuiltInAgentNames.BusinessAnalyst,
        AnalysisCatalog.ReadInput("custom_analysis", null, Sales, "Where is revenue made?", new Dictionary<string, string>()),
        new Dictionary<string, JsonNode> { ["profile"] = new JsonObject { ["rows"] = 3 } }, llm);

    private const string Answer = """
        {"summary":"Revenue totals 600 over 3 rows; the north leads.",
         "findings":[{"title":"North leads","severity":"info","detail":"Of 600 in all, the north is on top.","evidence":[{"source":"answer","name":"total","value":600}]}],
         "recommendations":[]}
        """;

    private AgentSteps Steps => fixture.SiloService<AgentSteps>(0);

    [Fact]
    public async Task AnAgentStepKeepsTheToolsOutputAddsTheAgentsGroundedAnswerAndCarriesTheBusinessContext()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.Answer(Answer, 200, 50));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        await fixture.Client.GetGrain<ITenantContext>(tenant).Put(new BusinessContext("Bakeries", ["Open two shops"], [], [], null));

        var output = (await Steps.RunAsync(Call(tenant, "Say where revenue is made."), Tool, CancellationToken.None)).AsObject();

        Assert.Equal((600, "north"), (output["total"]!.GetValue<int>(), output["top"]!.GetValue<string>()));
        var agent = output[AgentSteps.OutputKey]!;
        Assert.Equal(("llm", "primary:gpt-test", 250L), (agent["engine"]!.GetValue<string>(), agent["model"]!.GetValue<string>(), agent["tokens"]!.GetValue<long>()));
        Assert.Equal("Revenue totals 600 over 3 rows; the north leads.", agent["answer"]!["summary"]!.GetValue<string>());
        var system = openAi.Requests[0]["messages"]![0]!["content"]!.ToString();
        Assert.Contains("Industry: Bakeries", system);
        Assert.Contains("- Open two shops", system);
        Assert.Contains("Say where revenue is made.", openAi.Requests[0]["messages"]![1]!["content"]!.ToString());
    }

    [Fact]
    public async Task AStepWithoutAGoalOrWithTheLlmOffAsksNobody()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var plain = await Steps.RunAsync(Call(tenant, null), Tool, CancellationToken.None);
        var off = (await Steps.RunAsync(Call(tenant, "Say where revenue is made.", llm: false), Tool, CancellationToken.None)).AsObject();

        Assert.True(JsonNode.DeepEquals(Statistical, plain));
        Assert.Equal(("statistical", "disabled"), (off[AgentSteps.OutputKey]!["engine"]!.GetValue<string>(), off[AgentSteps.OutputKey]!["fallback_reason"]!.GetValue<string>()));
        Assert.Equal(0, openAi.RequestCount);
    }

    [Fact]
    public async Task WithNoProviderTheToolsOutputStandsAndTheAgentSaysWhy()
    {
        var tenant = await fixture.TenantWithChainAsync(null);

        var output = (await Steps.RunAsync(Call(tenant, "Say where revenue is made."), Tool, CancellationToken.None)).AsObject();

        Assert.Equal(600, output["total"]!.GetValue<int>());
        Assert.Equal(("statistical", "no_provider"), (output[AgentSteps.OutputKey]!["engine"]!.GetValue<string>(), output[AgentSteps.OutputKey]!["fallback_reason"]!.GetValue<string>()));
        Assert.Null(output[AgentSteps.OutputKey]!["answer"]);
    }
}
