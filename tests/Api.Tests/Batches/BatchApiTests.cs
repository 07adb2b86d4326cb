namespace Actors.Api.Tests.Batches;

/// <summary>Batches over HTTP: many analyses submitted as one, followed on one stream, cancelled together, exported.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class BatchApiTests(ActorsNode node)
{
    private const string Batches = "/api/v1/batches";

    private const string Stores =
        "store,month,revenue\nnorth,1,100\nsouth,1,80\nnorth,2,120\n\"east, old town\",1,50\nsouth,2,90\nnorth,3,140\n\"east, old town\",2,55\nsouth,3,95\n";

    private static string Items(params string[] bodies) => $$"""{"items":[{{string.Join(",", bodies)}}]}""";

    private static async Task<JsonElement> SubmitAsync(HttpClient client, HttpContent content, string? query = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Batches + query) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202 for a batch, got {(int)response.StatusCode}: {body}");
        Assert.Equal($"{Batches}/{JsonDocument.Parse(body).RootElement.GetProperty("batch_id").GetString()}", response.Headers.Location?.OriginalString);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<List<SseEvent>> FollowAsync(HttpClient client, string batchId, string? lastEventId = null)
    {
        await using var stream = await SseReader.OpenAsync(client, $"{Batches}/{batchId}/events", lastEventId);
        return await stream.ReadEventsUntilAsync(e => e.Event is "completed" or "cancelled", $"batch {batchId} to finish");
    }

    [Fact]
    public async Task A_json_batch_runs_every_item_as_a_job_and_streams_one_event_per_item_then_completed()
    {
        var submitted = await SubmitAsync(node.Demo, Bodies.Json(Items(Bodies.Csv(Bodies.SmallCsv), Bodies.Csv("a,b\n1,2\n3,5\n4,4\n"), Bodies.Csv(Bodies.SmallCsv, "optimization_review"))));
        var batchId = submitted.GetProperty("batch_id").GetString()!;

        var events = await FollowAsync(node.Demo, batchId);
        var batch = await node.Demo.GetJsonAsync($"{Batches}/{batchId}");
        var items = await node.Demo.GetJsonAsync($"{Batches}/{batchId}/items");

        Assert.Equal(3, submitted.GetProperty("total").GetInt32());
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Sequence));
        Assert.Equal(["item", "item", "item", "completed"], events.Select(e => e.Event));
        Assert.Equal(100, events[^1].Json.GetProperty("progress").GetInt32());
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var counts = batch.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("completed").GetInt32() + counts.GetProperty("failed").GetInt32());
        Assert.Equal(100, batch.GetProperty("progress").GetInt32());
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("type").ValueKind);
        var jobIds = items.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("job_id").GetString()!).ToList();
        Assert.Equal([0, 1, 2], items.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal(jobIds.Order(), events.SkipLast(1).Select(e => e.Json.GetProperty("job_id").GetString()!).Order());
        // Whatever each item's outcome (the third's data may not suit its type), the batch says what its job says.
        foreach (var item in items.GetProperty("items").EnumerateArray())
        {
            Assert.Equal(item.GetProperty("status").GetString(), (await node.Demo.StatusAsync(item.GetProperty("job_id").GetString()!)).GetProperty("status").GetString());
        }
        Assert.Equal("completed", items.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal("completed", items.GetProperty("items")[1].GetProperty("status").GetString());
        Assert.Equal("optimization_review", (await node.Demo.StatusAsync(jobIds[2])).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_csv_file_split_by_a_column_makes_one_item_per_value_and_exports_its_results()
    {
        var submitted = await SubmitAsync(node.Demo, new StringContent(Stores, Encoding.UTF8, "text/csv"), "?type=data_interpretation&group_by=store");
        var batchId = submitted.GetProperty("batch_id").GetString()!;
        await FollowAsync(node.Demo, batchId);

        var items = (await node.Demo.GetJsonAsync($"{Batches}/{batchId}/items")).GetProperty("items");
        var results = await node.Demo.GetJsonAsync($"{Batches}/{batchId}/results");
        using var csv = await node.Demo.GetAsync($"{Batches}/{batchId}/results?format=csv");
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["north", "south", "east, old town"], items.EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        Assert.Equal(3, results.GetArrayLength());
        Assert.All(results.EnumerateArray(), r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        Assert.All(results.EnumerateArray(), r => Assert.Equal(r.GetProperty("job_id").GetString(), r.GetProperty("report").GetProperty("job_id").GetString()));
        // The east group kept its quoted comma: its two rows, not a split column.
        Assert.Equal(2, results[2].GetProperty("report").GetProperty("metrics").GetProperty("rows").GetInt32());
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType?.ToString());
        Assert.Equal("index,key,job_id,status,error_code,error_message,summary,kpis", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("2,\"east, old town\",job_", rows[3]);
    }

    [Fact]
    public async Task Cancelling_a_batch_cancels_every_unfinished_item_and_ends_its_stream_cancelled()
    {
        var gate = Gates.NewId();
        var submitted = await SubmitAsync(node.Demo, Bodies.Json(Items(Bodies.Gated(gate), Bodies.Gated(gate))));
        var batchId = submitted.GetProperty("batch_id").GetString()!;
        await Wait.For(Gates.WhenEntered(gate), "an item of the batch to run");

        using var cancel = await node.Demo.DeleteAsync($"{Batches}/{batchId}");
        var events = await FollowAsync(node.Demo, batchId);
        var batch = await node.Demo.GetJsonAsync($"{Batches}/{batchId}");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", events[^1].Event);
        Assert.Equal(["item", "item"], events.SkipLast(1).Select(e => e.Event));
        Assert.All(events.SkipLast(1), e => Assert.Equal("cancelled", e.Json.GetProperty("status").GetString()));
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        Assert.Equal(2, batch.GetProperty("counts").GetProperty("cancelled").GetInt32());
    }

    [Fact]
    public async Task A_batch_stream_resumes_after_Last_Event_ID()
    {
        var submitted = await SubmitAsync(node.Demo, Bodies.Json(Items(Bodies.Csv(Bodies.SmallCsv), Bodies.Csv(Bodies.SmallCsv), Bodies.Csv(Bodies.SmallCsv))));
        var batchId = submitted.GetProperty("batch_id").GetString()!;
        var all = await FollowAsync(node.Demo, batchId);

        var resumed = await FollowAsync(node.Demo, batchId, "2");

        Assert.Equal([3L, 4], resumed.Select(e => e.Sequence));
        Assert.Equal(all[2].Data, resumed[0].Data);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_returns_the_same_batch_and_makes_no_job_twice()
    {
        using var client = await node.NewTenantClientAsync("batchidem" + Guid.NewGuid().ToString("N")[..8], Actors.Api.Auth.Scopes.AnalysesWrite, Actors.Api.Auth.Scopes.AnalysesRead);
        var key = Guid.NewGuid().ToString("N");
        var body = Items(Bodies.Csv(Bodies.SmallCsv), Bodies.Csv(Bodies.SmallCsv));

        var first = await SubmitAsync(client, Bodies.Json(body), idempotencyKey: key);
        var again = await SubmitAsync(client, Bodies.Json(body), idempotencyKey: key);
        using var other = new HttpRequestMessage(HttpMethod.Post, Batches) { Content = Bodies.Json(Items(Bodies.Csv(Bodies.SmallCsv))) };
        other.Headers.Add("Idempotency-Key", key);
        using var reused = await client.SendAsync(other);
        await FollowAsync(client, first.GetProperty("batch_id").GetString()!);
        var jobs = await Wait.Until(() => client.GetJsonAsync($"{ApiCalls.Analyses}?per_page=50"), l => l.GetProperty("total").GetInt32() >= 2, "the batch's jobs in the job list");

        Assert.Equal(first.GetProperty("batch_id").GetString(), again.GetProperty("batch_id").GetString());
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(2, jobs.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_invalid_item_refuses_the_whole_batch_naming_the_item()
    {
        using var client = await node.NewTenantClientAsync("batchbad" + Guid.NewGuid().ToString("N")[..8], Actors.Api.Auth.Scopes.AnalysesWrite, Actors.Api.Auth.Scopes.AnalysesRead);

        using var response = await client.PostAsync(Batches, Bodies.Json(Items(Bodies.Csv(Bodies.SmallCsv), """{"type":"no_such_type","csv":"a\n1\n"}""")));
        var jobs = await client.GetJsonAsync(ApiCalls.Analyses);
        using var empty = await client.PostAsync(Batches, Bodies.Json("""{"items":[]}"""));
        using var noGroup = await client.PostAsync($"{Batches}?type=data_interpretation&group_by=nope", new StringContent(Stores, Encoding.UTF8, "text/csv"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unsupported_type");
        Assert.Equal(1, problem.GetProperty("item").GetInt32());
        Assert.StartsWith("Item 1: ", problem.GetProperty("detail").GetString());
        Assert.Equal(0, jobs.GetProperty("total").GetInt32());
        await empty.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("'nope'", (await noGroup.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_data")).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_tenants_batch_is_not_found()
    {
        var submitted = await SubmitAsync(node.Demo, Bodies.Json(Items(Bodies.Csv(Bodies.SmallCsv))));
        var batchId = submitted.GetProperty("batch_id").GetString()!;

        using var status = await node.Other.GetAsync($"{Batches}/{batchId}");
        using var items = await node.Other.GetAsync($"{Batches}/{batchId}/items");
        using var cancel = await node.Other.DeleteAsync($"{Batches}/{batchId}");
        using var malformed = await node.Demo.GetAsync($"{Batches}/not-a-batch");

        await status.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await items.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await cancel.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await malformed.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Items_page_by_cursor_with_a_Link_header()
    {
        var submitted = await SubmitAsync(node.Demo, Bodies.Json(Items(Bodies.Csv(Bodies.SmallCsv), Bodies.Csv(Bodies.SmallCsv), Bodies.Csv(Bodies.SmallCsv))));
        var batchId = submitted.GetProperty("batch_id").GetString()!;

        using var first = await node.Demo.GetAsync($"{Batches}/{batchId}/items?limit=2");
        var firstPage = await first.ReadJsonAsync();
        var link = first.Headers.GetValues("Link").Single();
        var next = link[1..link.IndexOf('>')];
        using var second = await node.Demo.GetAsync(next);
        var secondPage = await second.ReadJsonAsync();

        Assert.Equal([0, 1], firstPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()));
        Assert.EndsWith("; rel=\"next\"", link);
        Assert.Contains("limit=2", next);
        Assert.Equal([2], secondPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("next_cursor").ValueKind);
        Assert.False(second.Headers.Contains("Link"));
    }
}
