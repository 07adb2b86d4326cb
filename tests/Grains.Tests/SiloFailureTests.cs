using Actors.Grains.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>
/// Kills silos of a three-silo cluster whose grain state and reminders live in stores shared by
/// all silos (standing in for PostgreSQL), and checks that no job is lost or completed twice.
/// </summary>
public sealed class SiloFailureTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(3, sharedState: true, configureSilo: TestClusters.PlaceAtRandom);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AJobWhoseSiloDiesMidRunResumesFromItsCheckpointAndCompletesOnce()
    {
        var tenant = Requests.NewTenant();
        var (job, gate, host) = await StartGatedJobOnASecondarySiloAsync(tenant);

        await _cluster.KillSiloAsync(host);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        TestGates.Open(gate);

        var final = await JobWaits.Terminal(job, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, final!.Status);
        Assert.Equal(2, final.Attempts);
        // "prepare" was checkpointed before the kill and is not run again; the report is made once.
        Assert.Equal(1, TestGates.RunsOf($"{gate}/prepare"));
        Assert.Equal(1, TestGates.RunsOf($"{gate}/report"));
        var events = (await job.GetEvents(0))!.Events;
        Assert.Single(events, e => e.Kind == JobEventKind.Completed);
        Assert.Single(events, e => e.Kind == JobEventKind.Started);
        Assert.Contains(events, e => e.Kind == JobEventKind.Progress && e.Message!.Contains("resumed"));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var queue = await Eventually.Until(() => _cluster.Client.GetGrain<ITenantQueue>(tenant).GetStats(), s => s.Running == 0, "the queue slot to be freed");
        Assert.Equal(0, queue.Running);
    }

    [Fact]
    public async Task JobsSubmittedWhileASiloDiesAllCompleteExactlyOnce()
    {
        var tenant = Requests.NewTenant();
        var gate = Guid.NewGuid().ToString("N");
        var victim = _cluster.Silos[2];
        var jobs = Enumerable.Range(0, 12).Select(_ => _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()))).ToList();

        // Submit half, kill a silo while the other half is being submitted.
        foreach (var job in jobs.Take(6))
        {
            await job.Submit(Requests.Gated(gate));
        }
        var kill = _cluster.KillSiloAsync(victim);
        foreach (var job in jobs.Skip(6))
        {
            await SubmitWithRetryAsync(job, Requests.Gated(gate));
        }
        await kill;
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        TestGates.Open(gate);

        foreach (var job in jobs)
        {
            var final = await JobWaits.Terminal(job, TimeSpan.FromSeconds(60));
            Assert.Equal(JobStatus.Completed, final!.Status);
            Assert.Single((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Completed);
        }
        // Every job shares the gate, so its report step ran exactly once per job in total.
        Assert.Equal(jobs.Count, TestGates.RunsOf($"{gate}/report"));
        var queue = await Eventually.Until(() => _cluster.Client.GetGrain<ITenantQueue>(tenant).GetStats(), s => s.Running == 0 && s.Normal == 0, "the queue to drain");
        Assert.Equal(0, queue.Running);
    }

    /// <summary>A submit that failed because its silo died was not accepted: the caller retries it, and submit is idempotent.</summary>
    private static async Task SubmitWithRetryAsync(IAnalysisJob job, AnalysisRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await job.Submit(request);
                return;
            }
            catch (Exception) when (attempt < 10)
            {
                await Task.Delay(50);
            }
        }
    }

    private async Task<(IAnalysisJob Job, string Gate, InProcessSiloHandle Host)> StartGatedJobOnASecondarySiloAsync(string tenant)
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var gate = Guid.NewGuid().ToString("N");
            var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()));
            await job.Submit(Requests.Gated(gate));
            await Eventually.For(TestGates.WhenEntered(gate), "the job to enter its gated step");
            // A fast step's checkpoint is written at most Actors:Jobs:CheckpointInterval later: wait for it.
            await Eventually.Until(() => job.GetEvents(0), page => page!.Events.Any(e => e.Kind == JobEventKind.Step), "the first step's checkpoint to be written");
            var address = await management.GetActivationAddress(job);
            var host = _cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
            if (host is not null && host != _cluster.Silos[0])
            {
                return (job, gate, host);
            }
            // Placed on the primary silo: leave it, try another placement.
            await job.Cancel();
            TestGates.Open(gate);
        }
        throw new InvalidOperationException("No job was placed on a secondary silo in 30 tries.");
    }
}
