using Actors.Batches;
using Actors.Grains.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Batches;

/// <summary>
/// A batch whose silo dies while its items run: the batch comes back on another silo (its watchdog), learns
/// from its items' jobs what it missed, and accounts for every item exactly once.
/// </summary>
public sealed class BatchSiloFailureTests : IAsyncLifetime
{
    private const int ItemCount = 12;

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(3, new Dictionary<string, string?>
    {
        ["Actors:Batches:WatchdogPeriod"] = "00:00:02",
        ["Actors:Batches:ReconcileInterval"] = "00:00:01",
    }, sharedState: true, configureSilo: TestClusters.PlaceAtRandom);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_batch_whose_silo_dies_accounts_for_every_item_once()
    {
        var tenant = Requests.NewTenant();
        var (batch, jobIds, gate, host) = await StartBatchOnASecondarySiloAsync(tenant);

        await _cluster.KillSiloAsync(host);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        TestGates.Open(gate);

        var done = await Eventually.Until(() => batch.Get(), b => b!.Status == BatchStatus.Completed, "the batch to complete after its silo died", TimeSpan.FromSeconds(90));
        var events = (await batch.WaitForEvents(0, TimeSpan.Zero))!.Events;
        var items = (await batch.ListItems(0, ItemCount))!.Items;

        Assert.Equal(ItemCount, done!.Counts.Completed);
        Assert.Equal(100, done.Progress);
        Assert.Equal(Enumerable.Range(1, ItemCount + 1).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(jobIds.Order(), events.Where(e => e.Item is not null).Select(e => e.Item!.JobId).Order());
        Assert.All(items, i => Assert.Equal(JobStatus.Completed, i.Status));
        foreach (var jobId in jobIds)
        {
            var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));
            Assert.Single((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Completed);
        }
    }

    private async Task<(IBatch Batch, List<string> JobIds, string Gate, InProcessSiloHandle Host)> StartBatchOnASecondarySiloAsync(string tenant)
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var gate = Guid.NewGuid().ToString("N");
            var batchId = "bat_" + Guid.NewGuid().ToString("N");
            var jobIds = Enumerable.Range(0, ItemCount).Select(_ => Requests.NewJobId()).ToList();
            var batch = _cluster.Client.GetGrain<IBatch>(JobKey.For(tenant, batchId));
            await batch.Create(new BatchDraft(batchId, "test_gated", null, [.. jobIds.Select(id => new BatchItemDraft(null, id))], "fingerprint"));
            foreach (var jobId in jobIds)
            {
                await _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId)).Submit(Requests.Gated(gate) with { BatchId = batchId });
            }
            await Eventually.Signal(TestGates.WhenEntered(gate), "an item to enter its gated step");
            var address = await management.GetActivationAddress(batch);
            var host = _cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
            if (host is not null && host != _cluster.Silos[0])
            {
                return (batch, jobIds, gate, host);
            }
            // Placed on the primary silo: leave it, try another placement.
            await batch.Cancel();
            TestGates.Open(gate);
        }
        throw new InvalidOperationException("No batch was placed on a secondary silo in 30 tries.");
    }
}
