using Actors.Grains.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>Readers see what storage holds: a change whose write is still in flight is not reported yet.</summary>
public sealed class JobReadsDuringWritesTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1, sharedState: true);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AStatusReadDuringACancelsWriteAnswersTheWrittenStatusUntilTheWriteSucceeds()
    {
        var (tenant, jobId, gate) = (Requests.NewTenant(), Requests.NewJobId(), "reads-" + Guid.NewGuid().ToString("N"));
        var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));
        await job.Submit(Requests.Gated(gate));
        await Eventually.For(TestGates.WhenEntered(gate), "the job to reach its gated step");
        // The first step's checkpoint is written at most Actors:Jobs:CheckpointInterval later; after it nothing is staged.
        await Eventually.Until(() => job.GetEvents(0), page => page!.Events.Any(e => e.Kind == JobEventKind.Step), "the first step's checkpoint to be written");
        var running = await job.GetStatus();

        using var hold = SharedGrainStorage.HoldWrites(jobId);
        var cancelling = job.Cancel();
        await Eventually.For(hold.Arrived, "the cancel's write to reach storage");
        var duringWrite = await job.GetStatus();
        var eventsDuringWrite = await job.GetEvents(0);
        hold.Release();
        var cancelled = await cancelling;
        TestGates.Open(gate);

        Assert.Equal(JobStatus.Running, duringWrite!.Status);
        Assert.Equal(running!.LastSequence, duringWrite.LastSequence);
        Assert.DoesNotContain(eventsDuringWrite!.Events, e => e.Kind == JobEventKind.Cancelled);
        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        Assert.Equal(JobStatus.Cancelled, (await job.GetStatus())!.Status);
    }
}
