using System.Collections.Concurrent;
using Actors.Grains.Tests.Infrastructure;
using Orleans.Streaming.Diagnostics;
using Orleans.Streams;

namespace Actors.Grains.Tests;

[Collection(JobClusterCollection.Name)]
public sealed class QuietJobStreamTests(JobClusterFixture fixture)
{
    /// <summary>
    /// A silo forgets a job's stream after <see cref="JobStreams.InactivityPeriod"/> without events
    /// (so a busy silo does not walk every finished job's stream on each poll); a watched job that
    /// goes quiet that long still delivers its later events to its subscriber.
    /// </summary>
    [Fact]
    public async Task AWatchedJobThatGoesQuietLongerThanTheStreamsInactivityPeriodStillDeliversEveryEvent()
    {
        var (tenant, jobId, gate) = (Requests.NewTenant(), Requests.NewJobId(), "quiet-" + Guid.NewGuid().ToString("N"));
        var streamId = JobStreams.ForJob(tenant, jobId);
        var forgotten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var inactivity = StreamingEvents.AllEvents.Subscribe(new StreamInactiveWatch(streamId, forgotten));
        var heard = new ConcurrentQueue<JobEvent>();
        var subscription = await fixture.Client.GetStreamProvider(JobStreams.ProviderName).GetStream<JobEvent>(streamId)
            .SubscribeAsync((e, _) =>
            {
                heard.Enqueue(e);
                return Task.CompletedTask;
            });
        var job = fixture.Job(tenant, jobId);

        await job.Submit(Requests.Gated(gate));
        await Eventually.For(TestGates.WhenEntered(gate), "the job to reach its gated step");
        await Eventually.For(forgotten.Task, "the silo to drop the quiet job stream from its cache", TimeSpan.FromSeconds(60));
        TestGates.Open(gate);
        await JobWaits.Terminal(job);
        var all = (await job.GetEvents(0))!;
        await Eventually.Until(() => Task.FromResult(heard.Count), count => count >= all.Events.Count, "the subscriber to hear every event");
        await subscription.UnsubscribeAsync();

        Assert.Equal(JobStatus.Completed, all.Status);
        Assert.Equal(all.Events.Select(e => e.Sequence), heard.Select(e => e.Sequence));
        Assert.Contains(heard, e => e.Kind == JobEventKind.Completed);
    }

    private sealed class StreamInactiveWatch(StreamId streamId, TaskCompletionSource forgotten) : IObserver<StreamingEvents.StreamingEvent>
    {
        public void OnNext(StreamingEvents.StreamingEvent value)
        {
            if (value is StreamingEvents.StreamInactive inactive && inactive.StreamId == streamId)
            {
                forgotten.TrySetResult();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
