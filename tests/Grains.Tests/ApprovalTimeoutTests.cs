using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>
/// Nobody answers an approval step: the watchdog's tick after <c>due_at</c> applies the policy, the
/// step's own or <c>Actors:Jobs:ApprovalTimeoutPolicy</c>. The clock is moved, not waited for.
/// </summary>
public sealed class ApprovalTimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(6);
    private readonly ShiftableTime _time = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1, new Dictionary<string, string?>
    {
        ["Actors:Jobs:ApprovalTimeout"] = "06:00:00",
        ["Actors:Jobs:ApprovalTimeoutPolicy"] = "reject",
    }, configureSilo: silo => silo.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Past_its_due_time_an_unanswered_step_is_rejected_by_the_default_policy_and_not_before()
    {
        var job = await AwaitingAsync(onTimeout: null);
        var waiting = (await job.GetStatus())!;

        _time.Advance(DefaultTimeout - TimeSpan.FromMinutes(1));
        await TickAsync(job);
        var early = (await job.GetStatus())!;
        _time.Advance(TimeSpan.FromMinutes(2));
        await TickAsync(job);
        var final = await JobWaits.Terminal(job);

        Assert.Equal(DefaultTimeout, waiting.Approval!.DueAt - waiting.Approval.RequestedAt);
        Assert.Equal("reject", waiting.Approval.OnTimeout);
        Assert.Equal((JobStatus.AwaitingApproval, waiting.LastSequence), (early.Status, early.LastSequence));
        Assert.Equal(JobStatus.Rejected, final!.Status);
        Assert.Equal("rejected", final.Error!.Code);
        Assert.Contains("rejected by timeout", final.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_whose_policy_is_approve_goes_on_past_its_own_timeout_and_completes_approved_by_timeout()
    {
        var job = await AwaitingAsync(onTimeout: "approve", timeout: "02:00:00");
        var waiting = (await job.GetStatus())!;

        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await TickAsync(job);
        var final = await JobWaits.Terminal(job);

        Assert.Equal(TimeSpan.FromHours(2), waiting.Approval!.DueAt - waiting.Approval.RequestedAt);
        Assert.Equal(JobStatus.Completed, final!.Status);
        var report = JsonNode.Parse((await job.GetResult())!.ReportJson!)!;
        var approval = report["provenance"]!["approvals"]!.AsArray().Single()!;
        Assert.Equal(("approved", "timeout", true), (approval["decision"]!.GetValue<string>(), approval["decided_by"]!.GetValue<string>(),
            approval["by_timeout"]!.GetValue<bool>()));
    }

    private async Task<IAnalysisJob> AwaitingAsync(string? onTimeout, string? timeout = null)
    {
        var team = JsonNode.Parse(ApprovalSiloFailureTests.TeamJson)!.AsObject();
        var signOff = team["steps"]!.AsArray().Single(s => s!["tool"]!.GetValue<string>() == "sign_off")!.AsObject();
        if (onTimeout is not null)
        {
            signOff["on_timeout"] = onTimeout;
        }
        if (timeout is not null)
        {
            signOff["timeout"] = timeout;
        }
        var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(Requests.NewTenant(), Requests.NewJobId()));
        await job.Submit(Requests.Csv() with { TeamJson = team.ToJsonString() });
        await JobWaits.Status(job, s => s.Status == JobStatus.AwaitingApproval, "the job to stop at its approval step");
        return job;
    }

    private Task TickAsync(IAnalysisJob job) =>
        _cluster.Client.GetGrain<IRemindable>(job.GetGrainId()).ReceiveReminder("watchdog", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
}
