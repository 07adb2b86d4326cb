using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>
/// A job waiting at an approval step, on a silo that dies: its state and watchdog live in stores
/// shared by all silos (standing in for PostgreSQL), so it still waits afterwards, holding no run
/// slot, and the decision taken after the kill carries it on to completion.
/// </summary>
public sealed class ApprovalSiloFailureTests : IAsyncLifetime
{
    /// <summary>data_interpretation with a sign-off between the profile and the rest.</summary>
    public const string TeamJson = """
        {"name":"signed","analysis_type":"data_interpretation","strategy":"sequential","steps":[
          {"tool":"profile","agent":"data_interpreter"},
          {"tool":"sign_off","kind":"approval","depends_on":["profile"],"message":"Is the profile plausible?"},
          {"tool":"correlate","agent":"data_interpreter","depends_on":["profile","sign_off"]},
          {"tool":"outliers","agent":"data_interpreter","depends_on":["profile"]},
          {"tool":"report","agent":"report_writer","depends_on":["profile","correlate","outliers"]}]}
        """;

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(3, sharedState: true, configureSilo: TestClusters.PlaceAtRandom);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_job_awaiting_approval_keeps_waiting_across_its_silos_death_and_completes_once_approved()
    {
        var tenant = Requests.NewTenant();
        var (job, host) = await AwaitingOnASecondarySiloAsync(tenant);
        var before = (await job.GetStatus())!;
        var queue = await _cluster.Client.GetGrain<ITenantQueue>(tenant).GetStats();

        await _cluster.KillSiloAsync(host);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        var after = (await job.GetStatus())!;
        // The watchdog's tick before the due time changes nothing.
        await _cluster.Client.GetGrain<IRemindable>(job.GetGrainId()).ReceiveReminder("watchdog", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
        var ticked = (await job.GetStatus())!;
        var decided = await job.Decide(new ApprovalAnswer(Approve: true, "ann", "plausible"));
        var final = await JobWaits.Terminal(job, TimeSpan.FromSeconds(60));

        Assert.Equal(0, queue.Running);
        Assert.Equal(JobStatus.AwaitingApproval, before.Status);
        Assert.Equal((JobStatus.AwaitingApproval, "sign_off", before.Approval), (after.Status, after.CurrentStep, after.Approval));
        Assert.Equal(after.LastSequence, ticked.LastSequence);
        Assert.True(decided!.Decided);
        Assert.Equal(JobStatus.Completed, final!.Status);
        var events = (await job.GetEvents(0))!.Events;
        Assert.Single(events, e => e.Kind == JobEventKind.ApprovalRequested);
        Assert.Single(events, e => e.Kind == JobEventKind.Approved && e.Message == "step sign_off approved by ann: plausible");
        Assert.Equal(["started", "resumed after approval"], events.Where(e => e.Kind == JobEventKind.Started).Select(e => e.Message));
        var report = JsonNode.Parse((await job.GetResult())!.ReportJson!)!;
        var approval = report["provenance"]!["approvals"]!.AsArray().Single()!;
        Assert.Equal(("sign_off", "approved", "ann", "plausible"), (approval["step"]!.GetValue<string>(), approval["decision"]!.GetValue<string>(),
            approval["decided_by"]!.GetValue<string>(), approval["comment"]!.GetValue<string>()));
        var step = report["provenance"]!["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "sign_off")!;
        Assert.Equal("human", step["engine"]!.GetValue<string>());
        Assert.DoesNotContain("sign_off", report["provenance"]!["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task A_decision_on_a_job_that_is_not_awaiting_approval_changes_nothing()
    {
        var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(Requests.NewTenant(), Requests.NewJobId()));
        var missing = await job.Decide(new ApprovalAnswer(true, "ann", null));
        await job.Submit(Requests.Csv());
        var completed = await JobWaits.Terminal(job);

        var late = await job.Decide(new ApprovalAnswer(false, "ann", "too late"));

        Assert.Null(missing);
        Assert.False(late!.Decided);
        Assert.Equal((JobStatus.Completed, completed!.LastSequence), (late.Job.Status, late.Job.LastSequence));
    }

    private async Task<(IAnalysisJob Job, InProcessSiloHandle Host)> AwaitingOnASecondarySiloAsync(string tenant)
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()));
            await job.Submit(Requests.Csv() with { TeamJson = JsonNode.Parse(TeamJson)!.ToJsonString() });
            await JobWaits.Status(job, s => s.Status == JobStatus.AwaitingApproval, "the job to stop at its approval step");
            var address = await management.GetActivationAddress(job);
            var host = _cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
            if (host is not null && host != _cluster.Silos[0])
            {
                return (job, host);
            }
            // Placed on the primary silo: leave it, try another placement.
            await job.Cancel();
        }
        throw new InvalidOperationException("No job was placed on a secondary silo in 30 tries.");
    }
}
