using Actors.Grains.Tests.Infrastructure;

namespace Actors.Grains.Tests;

[Collection(JobClusterCollection.Name)]
public sealed class CancelTests(JobClusterFixture fixture)
{
    [Fact]
    public async Task CancelWhileRunningAnswersAtOnceAndFreesTheSlot()
    {
        var tenant = Requests.NewTenant();
        var gate = Guid.NewGuid().ToString("N");
        var job = fixture.Job(tenant, Requests.NewJobId());
        await job.Submit(Requests.Gated(gate));
        await Eventually.For(TestGates.WhenEntered(gate), "the job to enter its gated step");

        // The step is still blocked: status and cancel must get through regardless.
        var running = await job.GetStatus();
        var cancelled = await job.Cancel();

        Assert.Equal(JobStatus.Running, running!.Status);
        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        Assert.NotNull(cancelled.CompletedAt);
        Assert.Equal(JobEventKind.Cancelled, (await job.GetEvents(0))!.Events[^1].Kind);
        var stats = await Eventually.Until(() => fixture.Queue(tenant).GetStats(), s => s.Running == 0, "the queue slot to be freed");
        Assert.Equal(0, stats.Running);
        Assert.Equal(0, TestGates.RunsOf($"{gate}/report"));
        TestGates.Open(gate);
    }

    [Fact]
    public async Task CancelWhileQueuedRemovesTheJobFromTheQueue()
    {
        var tenant = Requests.NewTenant();
        var blocker = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 4; i++)
        {
            await fixture.Job(tenant, Requests.NewJobId()).Submit(Requests.Gated(blocker));
        }
        var queuedId = Requests.NewJobId();
        var queued = fixture.Job(tenant, queuedId);
        var outcome = await queued.Submit(Requests.Gated(Guid.NewGuid().ToString("N")));

        var cancelled = await queued.Cancel();

        Assert.Equal(JobStatus.Queued, outcome.Job.Status);
        Assert.Equal(1, outcome.PositionInQueue);
        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        Assert.Null(await fixture.Queue(tenant).GetPosition(queuedId));
        Assert.Equal(0, (await fixture.Queue(tenant).GetStats()).Normal);
        TestGates.Open(blocker);
    }

    [Fact]
    public async Task CancellingATerminalJobChangesNothing()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv());
        var completed = await JobWaits.Terminal(job);

        var afterCancel = await job.Cancel();

        Assert.Equal(JobStatus.Completed, afterCancel!.Status);
        Assert.Equal(completed!.LastSequence, afterCancel.LastSequence);
    }
}
