namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class TenantEventStreamTests(ActorsNode node)
{
    private const string TenantEvents = "/api/v1/events";

    [Fact]
    public async Task The_tenant_stream_carries_every_event_of_each_of_the_tenants_jobs_in_order()
    {
        await using var stream = await OpenSubscribedAsync(node.Demo);
        var first = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        var second = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        var mine = new HashSet<string> { first, second };

        var events = await ReadUntilCompletedAsync(stream, mine);

        foreach (var jobId in mine)
        {
            var ofJob = events.Where(e => e.Json.GetProperty("job_id").GetString() == jobId).ToList();
            var sequences = ofJob.Select(e => e.Json.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, ofJob.Count).Select(i => (long)i), sequences);
            Assert.Equal("queued", ofJob[0].Event);
            Assert.Equal("started", ofJob[1].Event);
            Assert.Contains(ofJob, e => e.Event == "step");
            Assert.Equal("completed", ofJob[^1].Event);
            Assert.All(ofJob, e => Assert.Equal(e.Event, e.Json.GetProperty("event").GetString()));
            // The same events as the job's own stream replays.
            await using var own = await SseReader.OpenAsync(node.Demo, $"{ApiCalls.Analyses}/{jobId}/events");
            var replayed = await own.ReadEventsToEndAsync($"the replay of job {jobId}");
            Assert.Equal(replayed.Select(e => (e.Sequence, e.Event)), ofJob.Select(e => (e.Json.GetProperty("sequence").GetInt64(), e.Event)));
        }
    }

    [Fact]
    public async Task The_tenant_stream_does_not_carry_another_tenants_jobs()
    {
        await using var demo = await OpenSubscribedAsync(node.Demo);
        var others = await node.Other.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        var ours = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        // The other tenant's job ends first, so its events had every chance to reach the demo stream.
        await node.Other.WaitForStatusAsync(others, "completed");

        var events = await ReadUntilCompletedAsync(demo, new HashSet<string> { ours });
        await node.Demo.WaitForStatusAsync(ours, "completed");

        Assert.DoesNotContain(events, e => e.Json.GetProperty("job_id").GetString() == others);
    }

    [Fact]
    public async Task Without_a_key_the_tenant_stream_is_401()
    {
        using var response = await node.Anonymous.GetAsync(TenantEvents);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Opens the stream and waits for its opening comment, written once the subscription is in place.</summary>
    private static async Task<SseReader> OpenSubscribedAsync(HttpClient client)
    {
        var stream = await SseReader.OpenAsync(client, TenantEvents);
        var first = await stream.NextAsync("the stream's opening comment");
        Assert.Equal(new SseComment("stream open"), first);
        return stream;
    }

    private static async Task<List<SseEvent>> ReadUntilCompletedAsync(SseReader stream, IReadOnlySet<string> jobIds)
    {
        var pending = new HashSet<string>(jobIds);
        return await stream.ReadEventsUntilAsync(e =>
        {
            if (e.Event == "completed")
            {
                pending.Remove(e.Json.GetProperty("job_id").GetString()!);
            }
            return pending.Count == 0;
        }, $"the completed events of {string.Join(", ", jobIds)}");
    }
}
