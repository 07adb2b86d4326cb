using Actors.Client.Tests.Infrastructure;

namespace Actors.Client.Tests;

[Collection(ClientNodeCollection.Name)]
public sealed class BatchClientTests(ClientNode node)
{
    private const string Stores = "store,month,revenue\nnorth,1,100\nsouth,1,80\nnorth,2,120\nsouth,2,90\nnorth,3,140\nsouth,3,95\n";

    [Fact]
    public async Task A_file_batch_is_submitted_followed_and_its_results_read()
    {
        var client = node.Client();

        var batch = await client.Batches.SubmitFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stores)), "text/csv",
            new BatchFileOptions { Type = AnalysisTypes.DataInterpretation, GroupBy = "store" });
        var events = await client.Batches.FollowAsync(batch.BatchId).ToListAsync();
        var status = await client.Batches.GetAsync(batch.BatchId);
        var items = await client.Batches.ListAllItemsAsync(batch.BatchId).ToListAsync();
        var results = await client.Batches.GetResultsAsync(batch.BatchId).ToListAsync();

        Assert.Equal(2, batch.Total);
        Assert.Equal([1L, 2, 3], events.Select(e => e.Sequence));
        Assert.Equal("completed", events[^1].EventName);
        Assert.Equal(BatchStatus.Completed, status.Status);
        Assert.Equal(2, status.Counts.Completed);
        Assert.Equal(["north", "south"], items.Select(i => i.Key));
        Assert.All(results, r => Assert.Equal(r.JobId, r.Report!.Value.GetProperty("job_id").GetString()));
    }

    [Fact]
    public async Task A_workbook_batch_reads_the_named_sheet_and_splits_it()
    {
        var client = node.Client();
        var workbook = new Actors.Analytics.Tests.Xlsx.Workbook().Sheet("Notes", ["text"], ["not this one"])
            .Sheet("Stores", ["store", "month", "revenue"], ["north", 1, 100], ["south", 1, 80], ["north", 2, 120], ["west", 1, 70]);

        var batch = await client.Batches.SubmitFileAsync(new MemoryStream(workbook.ToBytes()), BatchesClient.XlsxContentType,
            new BatchFileOptions { Type = AnalysisTypes.DataInterpretation, GroupBy = "store", Sheet = "Stores" });
        await client.Batches.FollowAsync(batch.BatchId).ToListAsync();
        var items = await client.Batches.ListAllItemsAsync(batch.BatchId).ToListAsync();

        Assert.Equal(3, batch.Total);
        Assert.Equal(["north", "south", "west"], items.Select(i => i.Key));
        Assert.All(items, i => Assert.Equal(JobStatus.Completed, i.Status));
    }

    [Fact]
    public async Task A_batch_stream_cut_mid_way_is_resumed_without_losing_or_repeating_an_item()
    {
        var client = node.Client();
        var gate = Gates.NewId();
        var gated = new AnalysisRequest { Type = GatedAnalysis.AnalysisType, Csv = "a,b\n1,2\n", Options = new Dictionary<string, object> { [GatedAnalysis.GateOption] = gate } };
        var batch = await client.Batches.SubmitAsync([new AnalysisRequest { Type = AnalysisTypes.DataInterpretation, Csv = Stores }, gated, gated]);
        var eventsPath = $"GET /api/v1/batches/{batch.BatchId}/events";
        var cut = node.Proxy.CutAfter(eventsPath, "id: 1\n");

        var events = new List<BatchEvent>();
        var following = Task.Run(async () =>
        {
            await foreach (var e in client.Batches.FollowAsync(batch.BatchId))
            {
                events.Add(e);
            }
        });
        await Wait.For(cut, "the proxy to cut the batch's stream after its first item");
        Gates.Open(gate);
        await Wait.For(following, "the client to follow the batch to its end");

        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Sequence));
        Assert.Equal(3, events.Take(3).Select(e => e.JobId).Distinct().Count());
        Assert.True(node.Proxy.ConnectionsThatSent(eventsPath) >= 2, "The client did not reconnect.");
    }
}
