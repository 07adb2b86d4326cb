using Actors.Grains.Tests.Infrastructure;

namespace Actors.Grains.Tests;

public sealed class JobTimeoutTests
{
    [Fact]
    public async Task AJobThatOutlivesItsTimeoutFailsWithJobTimeoutAndFreesItsSlot()
    {
        await using var cluster = await TestClusters.StartAsync(1, new Dictionary<string, string?> { ["Actors:Jobs:Timeout"] = "00:00:01" });
        var tenant = Requests.NewTenant();
        var gate = Guid.NewGuid().ToString("N");
        var job = cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()));

        await job.Submit(Requests.Gated(gate));
        var final = await JobWaits.Terminal(job);

        Assert.Equal(JobStatus.Failed, final!.Status);
        Assert.Equal("job_timeout", final.Error!.Code);
        Assert.Equal(0, TestGates.RunsOf($"{gate}/report"));
        var stats = await Eventually.Until(() => cluster.Client.GetGrain<ITenantQueue>(tenant).GetStats(), s => s.Running == 0, "the queue slot to be freed");
        Assert.Equal(0, stats.Running);
        TestGates.Open(gate);
    }
}
