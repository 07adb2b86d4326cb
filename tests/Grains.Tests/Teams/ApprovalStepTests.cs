using Actors.Agents;
using Actors.Analyses;
using Actors.Teams;

namespace Actors.Grains.Tests.Teams;

/// <summary>A team step of kind <c>approval</c>: what the validator accepts, and where a team run stops and goes on.</summary>
public sealed class ApprovalStepTests
{
    private static readonly TeamTestAnalysis Analysis = new();
    private static readonly AnalysisCatalog Catalog = new([Analysis]);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Agents = BuiltInAgents.All.Values
        .Select(a => a.Name is BuiltInAgentNames.DataInterpreter or BuiltInAgentNames.BusinessAnalyst ? a with { Tools = [.. a.Tools, "a", "b", "c"] } : a)
        .ToolsByAgent();

    private static TeamStep SignOff => new("sign_off", Kind: TeamStep.ApprovalKind, DependsOn: ["a", "b"],
        Message: "Check the inputs before the sum is reported.", Timeout: TimeSpan.FromHours(2), OnTimeout: ApprovalDecision.Approve);

    private static TeamTemplate With(TeamStep approval, string strategy = TeamTemplate.Sequential) => new("gated", "test_team", strategy,
    [
        new TeamStep("a", Agent: BuiltInAgentNames.DataInterpreter),
        new TeamStep("b", Agent: BuiltInAgentNames.DataInterpreter),
        approval,
        new TeamStep("c", Agent: BuiltInAgentNames.BusinessAnalyst, DependsOn: ["a", "b", approval.Tool]),
        new TeamStep("report", Agent: BuiltInAgentNames.ReportWriter, DependsOn: ["c"]),
    ]);

    private static IReadOnlyList<string> ProblemsOf(TeamStep approval) => TeamValidator.Problems(With(approval), Catalog, Agents);

    [Fact]
    public void An_approval_step_with_a_message_timeout_and_policy_is_valid_and_reads_back()
    {
        Assert.Empty(ProblemsOf(SignOff));
        Assert.Empty(ProblemsOf(new TeamStep("sign_off", Kind: TeamStep.ApprovalKind, DependsOn: ["a"])));

        var read = TeamTemplate.Parse(With(SignOff).ToJson()).Steps[2];
        Assert.True(read.IsApproval);
        Assert.Equal((TimeSpan.FromHours(2), "approve", "Check the inputs before the sum is reported."), (read.Timeout!.Value, read.OnTimeout, read.Message));
        Assert.Contains("\"kind\":\"approval\"", With(SignOff).ToJson());
    }

    [Theory]
    [InlineData("timeout", "timeout is from 00:01:00 to 30 days")]
    [InlineData("on_timeout", "on_timeout is 'approve' or 'reject'")]
    [InlineData("message", "message is 1 to 1000 characters")]
    [InlineData("agent", "takes no agent, agents, goal, task or review")]
    [InlineData("tool", "not one of the analysis's tools")]
    [InlineData("kind", "kind 'vote' is unknown")]
    public void A_malformed_approval_step_is_refused_with_what_is_wrong(string wrong, string problem)
    {
        var step = wrong switch
        {
            "timeout" => SignOff with { Timeout = TimeSpan.FromSeconds(30) },
            "on_timeout" => SignOff with { OnTimeout = "escalate" },
            "message" => SignOff with { Message = new string('m', TeamStep.MaxMessageChars + 1) },
            "agent" => SignOff with { Agent = BuiltInAgentNames.BusinessAnalyst },
            "tool" => SignOff with { Tool = "report" },
            _ => SignOff with { Kind = "vote" },
        };

        Assert.Contains(ProblemsOf(step), p => p.Contains(problem));
    }

    [Fact]
    public void Approval_fields_on_a_tool_step_are_refused()
    {
        var team = With(SignOff) with { Steps = [With(SignOff).Steps[0] with { Message = "approve me" }, .. With(SignOff).Steps.Skip(1)] };

        Assert.Contains(TeamValidator.Problems(team, Catalog, Agents), p => p.Contains("step 'a': message, timeout and on_timeout belong to steps of kind 'approval'"));
    }

    [Theory]
    [InlineData(TeamTemplate.Sequential)]
    [InlineData(TeamTemplate.Parallel)]
    public async Task A_run_stops_at_an_undecided_approval_step_after_committing_what_came_before(string strategy)
    {
        var committed = new List<string>();
        var run = new TeamRun(With(SignOff, strategy), Analysis, TeamTestAnalysis.Input(new Dictionary<string, string> { ["run"] = Guid.NewGuid().ToString("N") }));

        var stopped = await Assert.ThrowsAsync<ApprovalRequiredException>(() => run.RunAsync(new Dictionary<string, string>(), done =>
        {
            committed.Add(done.Record.Tool);
            return Task.CompletedTask;
        }, CancellationToken.None));

        Assert.Equal("sign_off", stopped.Step.Tool);
        Assert.Equal(["a", "b"], committed.Order());
    }

    [Fact]
    public async Task With_the_decision_as_its_checkpoint_the_run_goes_on_after_the_approval_step()
    {
        var runId = Guid.NewGuid().ToString("N");
        var first = new TeamRun(With(SignOff), Analysis, TeamTestAnalysis.Input(new Dictionary<string, string> { ["run"] = runId }));
        var checkpoints = new Dictionary<string, string>();
        await Assert.ThrowsAsync<ApprovalRequiredException>(() => first.RunAsync(checkpoints, done =>
        {
            checkpoints[done.Record.Tool] = done.CheckpointJson;
            return Task.CompletedTask;
        }, CancellationToken.None));
        var decision = new ApprovalDecision("sign_off", Approved: true, "ann", "inputs look right", DateTimeOffset.UnixEpoch, ByTimeout: false);
        checkpoints["sign_off"] = decision.AsStepDone().CheckpointJson;

        var committed = new List<string>();
        var resumed = new TeamRun(With(SignOff), Analysis, TeamTestAnalysis.Input(new Dictionary<string, string> { ["run"] = runId }));
        var (report, records) = await resumed.RunAsync(checkpoints, done =>
        {
            committed.Add(done.Record.Tool);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal("The sum is 5.", report["summary"]!.GetValue<string>());
        Assert.Equal(["c", "report"], committed);
        Assert.Equal(["a", "b", "sign_off", "c", "report"], records.Select(r => r.Tool));
        Assert.Equal(decision, ApprovalDecision.FromJson(TeamStepDone.FromCheckpoint(checkpoints["sign_off"]).Output!.AsObject()));
    }
}
