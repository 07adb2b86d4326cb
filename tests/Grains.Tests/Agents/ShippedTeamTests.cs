using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Teams;

namespace Actors.Grains.Tests.Agents;

/// <summary>
/// The shipped team of every analysis type has agent steps (each keeping its statistical tool): with no
/// provider each of them says <c>no_provider</c> in the provenance, the job has no agent events, and the
/// report is the statistical one.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class ShippedTeamTests(LlmClusterFixture fixture)
{
    public static TheoryData<string, string> Types => new()
    {
        { "data_interpretation", Requests.SmallCsv },
        { "trend_analysis", "month,sales\n1,100\n2,120\n3,150\n4,170\n5,160\n6,200\n" },
        { "process_analysis", Conversations.ConversationTests.ProcessCsv },
        { "optimization_review", "product,revenue\nA,300\nB,300\nA,200\nC,100\nD,60\nE,40\n" },
        { "custom_analysis", "region,revenue\nnorth,100\nsouth,200\nnorth,300\neast,90\n" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task EveryShippedTeamHasAgentStepsThatFallBackQuietlyWithoutAProvider(string type, string csv)
    {
        var goals = TeamLibrary.For(type)!.Steps.Where(s => s.IsAgentStep).Select(s => s.Tool).ToList();
        Assert.NotEmpty(goals);
        var job = fixture.Client.GetGrain<IAnalysisJob>(JobKey.For(Requests.NewTenant(), Requests.NewJobId()));
        await job.Submit(Requests.Csv(type, csv) with { Question = "Where should we act first?" });

        var final = await Eventually.Terminal(job, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Completed, final!.Status);
        var report = JsonNode.Parse((await job.GetResult())!.ReportJson!)!.AsObject();
        var steps = report["provenance"]!["steps"]!.AsArray();
        Assert.Equal(goals.Select(_ => ("statistical", "no_provider")),
            goals.Select(g => steps.Single(s => s!["name"]!.GetValue<string>() == g)!).Select(s => (s["engine"]!.GetValue<string>(), s["fallback_reason"]!.GetValue<string>())));
        Assert.Null(report["agents"]);
        Assert.Equal("statistical", report["provenance"]!["engine"]!.GetValue<string>());
        Assert.DoesNotContain((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Agent);
    }
}
