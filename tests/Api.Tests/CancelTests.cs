namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class CancelTests(ActorsNode node)
{
    [Fact]
    public async Task Cancelling_a_running_job_is_200_cancelled_while_its_step_is_still_blocked()
    {
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);

            using var response = await node.Demo.DeleteAsync($"{ApiCalls.Analyses}/{jobId}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadJsonAsync();
            Assert.Equal(jobId, body.GetProperty("job_id").GetString());
            Assert.Equal("cancelled", body.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.String, body.GetProperty("completed_at").ValueKind);
            Assert.Equal("cancelled", (await node.Demo.StatusAsync(jobId)).GetProperty("status").GetString());
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task A_followed_event_stream_ends_with_a_cancelled_event_when_the_job_is_cancelled()
    {
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);
            await using var stream = await SseReader.OpenAsync(node.Demo, $"{ApiCalls.Analyses}/{jobId}/events");
            var before = await stream.ReadEventsUntilAsync(e => e.Event == "started", "the started event");

            using var cancel = await node.Demo.DeleteAsync($"{ApiCalls.Analyses}/{jobId}");
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            var after = await stream.ReadEventsToEndAsync("the stream to end after cancelling");

            var events = before.Concat(after).ToList();
            Assert.Equal("cancelled", events[^1].Event);
            Assert.Equal("cancelled", events[^1].Json.GetProperty("status").GetString());
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task Cancelling_a_queued_job_that_never_ran_is_200_cancelled()
    {
        // Fill every run slot of the other tenant (concurrency 4) so the next job waits in the queue.
        var gates = Enumerable.Range(0, 4).Select(_ => Gates.NewId()).ToList();
        try
        {
            foreach (var gate in gates)
            {
                await node.Other.SubmitGatedRunningAsync(gate);
            }
            var queuedGate = Gates.NewId();
            gates.Add(queuedGate);
            var queued = await node.Other.SubmitAcceptedAsync(Bodies.Gated(queuedGate));
            Assert.Equal("queued", (await node.Other.StatusAsync(queued)).GetProperty("status").GetString());

            using var response = await node.Other.DeleteAsync($"{ApiCalls.Analyses}/{queued}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadJsonAsync();
            Assert.Equal("cancelled", body.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("started_at").ValueKind);
        }
        finally
        {
            gates.ForEach(Gates.Open);
        }
    }

    [Fact]
    public async Task Cancelling_a_completed_job_returns_it_unchanged()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await node.Demo.DeleteAsync($"{ApiCalls.Analyses}/{jobId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancelling_an_unknown_job_is_404_not_found()
    {
        using var response = await node.Demo.DeleteAsync($"{ApiCalls.Analyses}/job_{Guid.NewGuid():N}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Cancelling_another_tenants_job_is_404_and_leaves_it_running()
    {
        var gate = Gates.NewId();
        try
        {
            var theirJob = await node.Other.SubmitGatedRunningAsync(gate);

            using var response = await node.Demo.DeleteAsync($"{ApiCalls.Analyses}/{theirJob}");

            await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
            Assert.Equal("running", (await node.Other.StatusAsync(theirJob)).GetProperty("status").GetString());
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task A_read_only_key_cannot_cancel()
    {
        using var response = await node.ReadOnly.DeleteAsync($"{ApiCalls.Analyses}/job_{Guid.NewGuid():N}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
