using System.Text.RegularExpressions;

namespace Actors.Api.Tests.Conversations;

/// <summary>The conversation API on a real node: answers from a real job's metrics, streamed or whole, tenant-isolated.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class ConversationApiTests(ActorsNode node)
{
    private const string Conversations = "/api/v1/conversations";

    [Fact]
    public async Task Questions_about_a_completed_job_are_answered_with_its_metrics()
    {
        var (jobId, metrics) = await CompletedProcessJobAsync();
        var id = await CreateAsync(node.Demo, jobId);
        var bottleneck = metrics.GetProperty("bottleneck_activity").GetString()!;
        var wait = metrics.GetProperty("activities").GetProperty(bottleneck).GetProperty("mean_wait_s").GetRawText();

        var first = await AskWholeAsync(node.Demo, id, "What is the bottleneck?");
        var second = await AskWholeAsync(node.Demo, id, "And its waiting time?");
        var third = await AskWholeAsync(node.Demo, id, "What is the cycle time?");

        Assert.Equal("results", first.GetProperty("intent").GetString());
        Assert.Contains(bottleneck, first.GetProperty("text").GetString());
        Assert.Contains(wait, Numbers(second.GetProperty("text").GetString()!));
        Assert.Contains(metrics.GetProperty("mean_cycle_time_s").GetRawText(), Numbers(third.GetProperty("text").GetString()!));
        Assert.Equal(jobId, first.GetProperty("references")[0].GetString());

        var history = await node.Demo.GetJsonAsync($"{Conversations}/{id}");
        Assert.Equal(6, history.GetProperty("message_count").GetInt32());
        Assert.Equal("And its waiting time?", history.GetProperty("messages")[2].GetProperty("text").GetString());
        Assert.Equal("assistant", history.GetProperty("messages")[3].GetProperty("role").GetString());
        var list = await node.Demo.GetJsonAsync($"{Conversations}?per_page=250");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("conversation_id").GetString() == id);
    }

    [Fact]
    public async Task A_streamed_answer_is_deltas_that_reassemble_to_the_final_message()
    {
        var (jobId, metrics) = await CompletedProcessJobAsync();
        var id = await CreateAsync(node.Demo, jobId);

        using var response = await node.Demo.PostAsync($"{Conversations}/{id}/messages", Bodies.Json("""{"text":"What is the bottleneck?"}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ParseEvents(body);
        var deltas = events.Where(e => e.Event == "delta").ToList();
        Assert.True(deltas.Count > 3, $"Expected several deltas: {body}");
        Assert.Equal("message", events[^1].Event);
        Assert.Single(events, e => e.Event == "message");
        var message = events[^1].Json;
        var text = message.GetProperty("text").GetString()!;
        Assert.Equal(text, string.Concat(deltas.Select(d => d.Json.GetProperty("text").GetString())));
        Assert.Contains(metrics.GetProperty("bottleneck_activity").GetString()!, text);
    }

    [Fact]
    public async Task Another_tenants_conversation_is_not_found()
    {
        var id = await CreateAsync(node.Demo);

        using var get = await node.Other.GetAsync($"{Conversations}/{id}");
        using var ask = await node.Other.PostAsync($"{Conversations}/{id}/messages?stream=false", Bodies.Json("""{"text":"hello"}"""));
        using var delete = await node.Other.DeleteAsync($"{Conversations}/{id}");

        await get.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await ask.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await delete.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await node.Demo.GetJsonAsync($"{Conversations}/{id}");
        var others = await node.Other.GetJsonAsync($"{Conversations}?per_page=250");
        Assert.DoesNotContain(others.GetProperty("items").EnumerateArray(), c => c.GetProperty("conversation_id").GetString() == id);
    }

    [Fact]
    public async Task A_conversation_can_only_be_bound_to_the_tenants_own_jobs()
    {
        var (jobId, _) = await CompletedProcessJobAsync();

        using var response = await node.Other.PostAsync(Conversations, Bodies.Json($$"""{"job_ids":["{{jobId}}"]}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_job");
        Assert.Equal(jobId, problem.GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task Delete_erases_the_conversation()
    {
        var id = await CreateAsync(node.Demo);
        await AskWholeAsync(node.Demo, id, "Hello");

        using var delete = await node.Demo.DeleteAsync($"{Conversations}/{id}");
        using var get = await node.Demo.GetAsync($"{Conversations}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await get.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_read_only_key_can_read_but_not_ask()
    {
        using var response = await node.ReadOnly.PostAsync(Conversations, Bodies.Json("{}"));
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<(string JobId, JsonElement Metrics)> CompletedProcessJobAsync()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(JsonSerializer.Serialize(new { type = "process_analysis", csv = ProcessLog.Csv }));
        var report = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
        return (jobId, report.GetProperty("metrics"));
    }

    private static async Task<string> CreateAsync(HttpClient client, params string[] jobIds)
    {
        using var response = await client.PostAsync(Conversations, Bodies.Json(JsonSerializer.Serialize(new { job_ids = jobIds })));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return body.GetProperty("conversation_id").GetString()!;
    }

    private static async Task<JsonElement> AskWholeAsync(HttpClient client, string id, string question)
    {
        using var response = await client.PostAsync($"{Conversations}/{id}/messages?stream=false", Bodies.Json(JsonSerializer.Serialize(new { text = question })));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for '{question}', got {(int)response.StatusCode}: {body}");
        return body;
    }

    private static List<SseEvent> ParseEvents(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => new SseEvent(null,
                lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..],
                string.Join("\n", lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]))))
            .ToList();

    private static List<string> Numbers(string text) => Regex.Matches(text, @"-?\d+(?:\.\d+)?").Select(m => m.Value).ToList();
}
