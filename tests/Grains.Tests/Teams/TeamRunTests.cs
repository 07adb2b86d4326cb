using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Teams;

namespace Actors.Grains.Tests.Teams;

public sealed class TeamRunTests
{
    private static readonly TeamTestAnalysis Analysis = new();

    private static TeamTemplate Team(string strategy, StepReview? review = null, string? when = null, IReadOnlyList<string>? consensus = null) => new(
        "t", "test_team", strategy,
        [
            new TeamStep("a", Agent: BuiltInAgentNames.DataInterpreter),
            new TeamStep("b", Agent: BuiltInAgentNames.DataInterpreter),
            consensus is null
                ? new TeamStep("c", Agent: BuiltInAgentNames.BusinessAnalyst, DependsOn: ["a", "b"], When: when)
                : new TeamStep("c", Agents: consensus, DependsOn: ["a", "b"], When: when),
            new TeamStep("report", Agent: BuiltInAgentNames.ReportWriter, DependsOn: ["c"], Review: review),
        ]);

    private static async Task<(JsonObject Report, IReadOnlyList<TeamStepRecord> Records, List<TeamStepDone> Committed)> RunAsync(
        TeamTemplate team, Dictionary<string, string> options, IReadOnlyDictionary<string, string>? checkpoints = null)
    {
        options.TryAdd("run", Guid.NewGuid().ToString("N"));
        var committed = new List<TeamStepDone>();
        var run = new TeamRun(team, Analysis, TeamTestAnalysis.Input(options));
        var (report, records) = await run.RunAsync(checkpoints ?? new Dictionary<string, string>(), done =>
        {
            committed.Add(done);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return (report, records, committed);
    }

    [Fact]
    public async Task SequentialTeamRunsEveryStepInDependencyOrderAndCommitsEach()
    {
        var (report, records, committed) = await RunAsync(Team(TeamTemplate.Sequential), []);

        Assert.Equal("The sum is 5.", report["summary"]!.GetValue<string>());
        Assert.Equal(["a", "b", "c", "report"], committed.Select(c => c.Record.Tool));
        Assert.Equal(["a", "b", "c", "report"], records.Select(r => r.Tool));
    }

    [Fact]
    public async Task ParallelTeamRunsIndependentStepsAtOnce()
    {
        // a and b each wait until the other has started: they finish only if they run together.
        var (report, _, committed) = await RunAsync(Team(TeamTemplate.Parallel), new() { ["rendezvous"] = Guid.NewGuid().ToString("N") });

        Assert.Equal("The sum is 5.", report["summary"]!.GetValue<string>());
        Assert.Equal(["c", "report"], committed.Skip(2).Select(c => c.Record.Tool));
        Assert.Equal(["a", "b"], committed.Take(2).Select(c => c.Record.Tool).Order());
    }

    [Fact]
    public async Task QualityGateSendsAStepBackWithItsFeedbackUntilItIsGrounded()
    {
        var options = new Dictionary<string, string> { ["sloppy"] = "yes", ["run"] = Guid.NewGuid().ToString("N") };

        var (report, records, _) = await RunAsync(Team(TeamTemplate.Sequential, new StepReview(BuiltInAgentNames.QualityReviewer, 2)), options);

        var reportRecord = records.Single(r => r.Tool == "report");
        Assert.Equal("The sum is 5.", report["summary"]!.GetValue<string>());
        Assert.Equal(1, reportRecord.ReviewRounds);
        Assert.Empty(reportRecord.OpenIssues);
        Assert.Equal(BuiltInAgentNames.QualityReviewer, reportRecord.Reviewer);
        Assert.Equal(2, TeamTestAnalysis.ReportRuns[options["run"]]);
    }

    [Fact]
    public async Task WithoutAGateAnUngroundedReportGoesThroughUnchecked()
    {
        var (report, records, _) = await RunAsync(Team(TeamTemplate.Sequential), new() { ["sloppy"] = "yes" });

        Assert.Contains("42%", report["summary"]!.GetValue<string>());
        Assert.Equal(0, records.Single(r => r.Tool == "report").ReviewRounds);
    }

    [Fact]
    public async Task HierarchicalManagerReviewsTheFinalReportAndSendsItBackOnce()
    {
        var team = Team(TeamTemplate.Hierarchical) with { Manager = BuiltInAgentNames.BusinessAnalyst };
        var options = new Dictionary<string, string> { ["sloppy"] = "yes", ["run"] = Guid.NewGuid().ToString("N") };

        var (report, records, _) = await RunAsync(team, options);

        var reportRecord = records.Single(r => r.Tool == "report");
        Assert.Equal(BuiltInAgentNames.BusinessAnalyst, reportRecord.Reviewer);
        Assert.Equal(1, reportRecord.ReviewRounds);
        Assert.Equal("The sum is 5.", report["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConsensusStepIsAnsweredByEveryAgentAndMerged()
    {
        var team = Team(TeamTemplate.Consensus, consensus: [BuiltInAgentNames.BusinessAnalyst, BuiltInAgentNames.DataInterpreter, BuiltInAgentNames.ProcessOptimizer]);

        var (_, records, _) = await RunAsync(team, []);

        var c = records.Single(r => r.Tool == "c");
        Assert.Equal(3, c.Agents.Count);
        Assert.Equal("unanimous", c.Merge);
    }

    [Fact]
    public async Task AStepWhoseConditionFailsIsSkippedAndItsReaderFailsNamingIt()
    {
        var team = Team(TeamTemplate.Sequential, when: "a.value > 100");

        var error = await Assert.ThrowsAsync<TeamDefinitionException>(() => RunAsync(team, []));

        Assert.Contains("'c'", error.Message);
    }

    [Fact]
    public async Task CheckpointedStepsAreNotRunAgain()
    {
        var first = await RunAsync(Team(TeamTemplate.Sequential), []);
        var checkpoints = first.Committed.Take(3).ToDictionary(c => c.Record.Tool, c => c.CheckpointJson);

        var options = new Dictionary<string, string> { ["rendezvous"] = "never-opened-" + Guid.NewGuid().ToString("N") };
        var resumed = await RunAsync(Team(TeamTemplate.Sequential), options, checkpoints);

        // a and b would block on the rendezvous if they ran again.
        Assert.Equal(["report"], resumed.Committed.Select(c => c.Record.Tool));
        Assert.Equal("The sum is 5.", resumed.Report["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStepReadingAnOutputItDoesNotDependOnFailsWithAClearMessage()
    {
        var team = new TeamTemplate("t", "test_team", TeamTemplate.Sequential,
        [
            new TeamStep("a", Agent: BuiltInAgentNames.DataInterpreter),
            new TeamStep("b", Agent: BuiltInAgentNames.DataInterpreter),
            new TeamStep("c", Agent: BuiltInAgentNames.BusinessAnalyst, DependsOn: ["a"]),
            new TeamStep("report", Agent: BuiltInAgentNames.ReportWriter, DependsOn: ["c"]),
        ]);

        var error = await Assert.ThrowsAsync<TeamDefinitionException>(() => RunAsync(team, []));

        Assert.Contains("step 'c' reads the output of 'b'", error.Message);
    }

    [Fact]
    public async Task EveryRunnerOfAStepAnswersThroughTheExecutorTheRunIsGiven()
    {
        var agents = new[] { BuiltInAgentNames.BusinessAnalyst, BuiltInAgentNames.DataInterpreter };
        var team = Team(TeamTemplate.Consensus, consensus: agents);
        var calls = new System.Collections.Concurrent.ConcurrentQueue<(string Tool, string Runner)>();
        var run = new TeamRun(team, Analysis, TeamTestAnalysis.Input(new Dictionary<string, string> { ["run"] = Guid.NewGuid().ToString("N") }),
            (call, ct) =>
            {
                calls.Enqueue((call.Step.Tool, call.Runner));
                return TeamRun.RunToolAsync(call, ct);
            });

        var (report, _) = await run.RunAsync(new Dictionary<string, string>(), _ => Task.CompletedTask, CancellationToken.None);

        Assert.Equal("The sum is 5.", report["summary"]!.GetValue<string>());
        Assert.Equal(agents.Order(), calls.Where(c => c.Tool == "c").Select(c => c.Runner).Order());
        Assert.Equal(["a", "b", "c", "c", "report"], calls.Select(c => c.Tool).Order());
    }
}
