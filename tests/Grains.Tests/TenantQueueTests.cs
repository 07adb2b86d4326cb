using Actors.Grains.Tests.Infrastructure;

namespace Actors.Grains.Tests;

[Collection(JobClusterCollection.Name)]
public sealed class TenantQueueTests(JobClusterFixture fixture)
{
    [Fact]
    public async Task AtMostFourJobsOfATenantRunAtOnceAndOtherTenantsAreNotHeldBack()
    {
        var tenant = Requests.NewTenant();
        var gate = Guid.NewGuid().ToString("N");
        var jobs = Enumerable.Range(0, 6).Select(_ => fixture.Job(tenant, Requests.NewJobId())).ToList();
        var outcomes = new List<SubmitOutcome>();
        foreach (var job in jobs)
        {
            outcomes.Add(await job.Submit(Requests.Gated(gate)));
        }
        var otherTenant = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        var other = await otherTenant.Submit(Requests.Gated(gate));

        var stats = await fixture.Queue(tenant).GetStats();

        Assert.Equal(4, stats.Running);
        Assert.Equal(2, stats.Normal);
        Assert.Equal([0, 0, 0, 0, 1, 2], outcomes.Select(o => o.PositionInQueue));
        Assert.Equal(JobStatus.Running, other.Job.Status);

        TestGates.Open(gate);
        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await JobWaits.Terminal(job))!.Status);
        }
        // A job hands its slot back just after its completed state is visible.
        var drained = await Eventually.Until(() => fixture.Queue(tenant).GetStats(), s => s.Running == 0, "the tenant's slots to be handed back");
        Assert.Equal(0, drained.Running);
    }

    [Fact]
    public async Task HigherPriorityJobsStartFirstAndEqualPrioritiesKeepTheirOrder()
    {
        var tenant = Requests.NewTenant();
        var blockers = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        foreach (var blocker in blockers)
        {
            await fixture.Job(tenant, Requests.NewJobId()).Submit(Requests.Gated(blocker));
        }

        var waitingGate = Guid.NewGuid().ToString("N");
        var order = new[] { ("low1", JobPriority.Low), ("normal1", JobPriority.Normal), ("high1", JobPriority.High), ("low2", JobPriority.Low), ("high2", JobPriority.High) };
        var ids = new Dictionary<string, string>();
        foreach (var (name, priority) in order)
        {
            ids[name] = Requests.NewJobId();
            await fixture.Job(tenant, ids[name]).Submit(Requests.Gated(waitingGate, priority));
        }

        var positions = new Dictionary<string, int?>();
        foreach (var name in ids.Keys)
        {
            positions[name] = await fixture.Queue(tenant).GetPosition(ids[name]);
        }
        Assert.Equal(1, positions["high1"]);
        Assert.Equal(2, positions["high2"]);
        Assert.Equal(3, positions["normal1"]);
        Assert.Equal(4, positions["low1"]);
        Assert.Equal(5, positions["low2"]);

        // Free one slot at a time and see who is admitted.
        var admitted = new List<string>();
        foreach (var blocker in blockers)
        {
            TestGates.Open(blocker);
            var running = await Eventually.Until(
                async () => (await fixture.Queue(tenant).GetStats()).RunningJobIds,
                r => r.Count == 4 && r.Intersect(ids.Values).Count() == admitted.Count + 1,
                $"the next job to be admitted after {admitted.Count}");
            admitted.Add(ids.Single(kv => running.Contains(kv.Value) && !admitted.Contains(kv.Key)).Key);
        }

        Assert.Equal(["high1", "high2", "normal1", "low1"], admitted);
        TestGates.Open(waitingGate);
    }

    [Fact]
    public async Task EnqueueIsIdempotent()
    {
        var queue = fixture.Queue(Requests.NewTenant());

        var first = await queue.Enqueue("job_a", JobPriority.Normal);
        var again = await queue.Enqueue("job_a", JobPriority.Normal);

        Assert.True(first.Admitted);
        Assert.True(again.Admitted);
        Assert.Equal(1, (await queue.GetStats()).Running);
        await queue.Release("job_a");
        await queue.Release("job_a");
        Assert.Equal(0, (await queue.GetStats()).Running);
    }
}
