namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class EventStreamTests(ActorsNode node)
{
    private static string EventsOf(string jobId) => $"{ApiCalls.Analyses}/{jobId}/events";

    [Fact]
    public async Task The_stream_of_a_completed_job_replays_every_event_in_order_then_closes()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        await using var stream = await SseReader.OpenAsync(node.Demo, EventsOf(jobId));

        var events = await stream.ReadEventsToEndAsync("the full replay of a completed job");

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("queued", events[0].Event);
        Assert.Equal("started", events[1].Event);
        Assert.Equal("completed", events[^1].Event);
        var steps = events.Skip(2).SkipLast(1).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, e => Assert.Equal("step", e.Event));
        foreach (var e in events)
        {
            var data = e.Json;
            Assert.Equal(jobId, data.GetProperty("job_id").GetString());
            Assert.Equal(JsonValueKind.String, data.GetProperty("status").ValueKind);
            Assert.Equal(JsonValueKind.Number, data.GetProperty("progress").ValueKind);
            Assert.True(data.TryGetProperty("current_step", out _), $"event {e.Id} data has no current_step: {e.Data}");
            Assert.Equal(e.Event, data.GetProperty("event").GetString());
        }
        Assert.Equal("completed", events[^1].Json.GetProperty("status").GetString());
        Assert.Equal(100, events[^1].Json.GetProperty("progress").GetInt32());
    }

    [Fact]
    public async Task A_Last_Event_ID_header_resumes_with_exactly_the_later_events()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        var total = await CountEventsAsync(jobId);
        await using var stream = await SseReader.OpenAsync(node.Demo, EventsOf(jobId), lastEventId: "3");

        var events = await stream.ReadEventsToEndAsync("the events after Last-Event-ID 3");

        Assert.Equal(Enumerable.Range(4, total - 3).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("completed", events[^1].Event);
    }

    [Fact]
    public async Task A_last_event_id_query_parameter_resumes_with_exactly_the_later_events()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        var total = await CountEventsAsync(jobId);
        await using var stream = await SseReader.OpenAsync(node.Demo, EventsOf(jobId) + "?last_event_id=2");

        var events = await stream.ReadEventsToEndAsync("the events after last_event_id=2");

        Assert.Equal(Enumerable.Range(3, total - 2).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_non_numeric_Last_Event_ID_is_422_validation_failed()
    {
        var jobId = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        using var request = new HttpRequestMessage(HttpMethod.Get, EventsOf(jobId));
        request.Headers.Add("Last-Event-ID", "seven");

        using var response = await node.Demo.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Last-Event-ID", out _), $"errors has no 'Last-Event-ID': {problem}");
    }

    [Fact]
    public async Task The_stream_of_an_unknown_job_is_404_not_found()
    {
        using var response = await node.Demo.GetAsync(EventsOf($"job_{Guid.NewGuid():N}"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_stream_of_another_tenants_job_is_404_not_found()
    {
        var theirJob = await node.Other.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await node.Demo.GetAsync(EventsOf(theirJob));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Following_a_running_job_live_delivers_every_event_once_in_order_until_completed()
    {
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);
            await using var stream = await SseReader.OpenAsync(node.Demo, EventsOf(jobId));
            var before = await stream.ReadEventsUntilAsync(e => e.Event == "started", "the started event of a running job");

            Gates.Open(gate);
            var after = await stream.ReadEventsUntilAsync(SseReader.IsTerminal, "the terminal event after opening the gate");
            var rest = await stream.ReadEventsToEndAsync("the stream to close after the terminal event");

            var events = before.Concat(after).ToList();
            Assert.Empty(rest);
            Assert.Equal("completed", events[^1].Event);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Equal(new[] { "queued", "started", "step", "step", "completed" }, events.Select(e => e.Event));
            Assert.Equal(await CountEventsAsync(jobId), events.Count);
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task A_quiet_stream_sends_heartbeat_comments()
    {
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);
            await using var stream = await SseReader.OpenAsync(node.Demo, EventsOf(jobId));
            await stream.ReadEventsUntilAsync(e => e.Event == "started", "the started event of a running job");

            SseItem? item;
            do
            {
                item = await stream.NextAsync("a ': heartbeat' comment while the job is blocked");
                Assert.NotNull(item);
                // The step before the gate may still come (its checkpoint can trail by Actors:Jobs:CheckpointInterval); nothing after it.
                Assert.True(item is not SseEvent e || e.Event == "step", $"unexpected event while the job is blocked: {item}");
            }
            while (item is not SseComment { Text: "heartbeat" });
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    /// <summary>How many events the job has had, from a full replay of its (terminal) stream.</summary>
    private async Task<int> CountEventsAsync(string jobId)
    {
        await using var stream = await SseReader.OpenAsync(node.Demo, EventsOf(jobId));
        return (await stream.ReadEventsToEndAsync($"the full replay of job {jobId}")).Count;
    }
}
