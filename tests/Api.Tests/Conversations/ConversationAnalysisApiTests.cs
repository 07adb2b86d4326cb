using System.Text.RegularExpressions;

namespace Actors.Api.Tests.Conversations;

/// <summary>Starting an analysis from a conversation's message: the same submit path, progress streamed, the result reported, tenant-isolated.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class ConversationAnalysisApiTests(ActorsNode node)
{
    private const string Conversations = "/api/v1/conversations";

    [Fact]
    public async Task A_request_for_an_analysis_with_data_starts_a_job_and_the_streamed_answer_reports_its_result()
    {
        var id = await CreateAsync(node.Demo);
        var body = JsonSerializer.Serialize(new { text = "Please run a process analysis of this log", analysis = new { csv = ProcessLog.Csv } });

        using var response = await node.Demo.PostAsync($"{Conversations}/{id}/messages", Bodies.Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = ParseEvents(text);
        var progress = events.Where(e => e.Event == "progress").Select(e => e.Json).ToList();
        Assert.NotEmpty(progress);
        var jobId = progress[0].GetProperty("job_id").GetString()!;
        Assert.Equal("completed", progress[^1].GetProperty("status").GetString());
        var message = events[^1].Json;
        Assert.Equal("message", events[^1].Event);
        Assert.Equal(("new_analysis", "rules"), (message.GetProperty("intent").GetString(), message.GetProperty("routed_by").GetString()));
        Assert.Equal(jobId, message.GetProperty("references")[0].GetString());
        Assert.Contains("It has completed", message.GetProperty("text").GetString());
        Assert.Equal(message.GetProperty("text").GetString(), string.Concat(events.Where(e => e.Event == "delta").Select(e => e.Json.GetProperty("text").GetString())));

        // A real job of the tenant, bound to the conversation, whose numbers answer the next question.
        var status = await node.Demo.StatusAsync(jobId);
        Assert.Equal(("completed", "process_analysis"), (status.GetProperty("status").GetString(), status.GetProperty("type").GetString()));
        var conversation = await node.Demo.GetJsonAsync($"{Conversations}/{id}");
        Assert.Equal([jobId], conversation.GetProperty("job_ids").EnumerateArray().Select(j => j.GetString()));
        var metrics = (await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result")).GetProperty("metrics");
        var bottleneck = await AskWholeAsync(node.Demo, id, new { text = "What is the bottleneck?" });
        Assert.Contains(metrics.GetProperty("activities").GetProperty("C").GetProperty("mean_wait_s").GetRawText(),
            Regex.Matches(bottleneck.GetProperty("text").GetString()!, @"-?\d+(?:\.\d+)?").Select(m => m.Value));

        // Tenant isolation: the other tenant sees neither the job nor the conversation.
        using var otherStatus = await node.Other.GetAsync($"{ApiCalls.Analyses}/{jobId}");
        await otherStatus.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var otherAsk = await node.Other.PostAsync($"{Conversations}/{id}/messages?stream=false", Bodies.Json(body));
        await otherAsk.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Without_streaming_the_answer_names_the_started_job_and_how_to_follow_it()
    {
        var id = await CreateAsync(node.Demo);

        var message = await AskWholeAsync(node.Demo, id,
            new { text = "Start a data_interpretation analysis", analysis = new { csv = "x,y\n1,2\n2,4\n3,7\n" } });

        var jobId = message.GetProperty("references")[0].GetString()!;
        Assert.StartsWith($"I started analysis {jobId} (data_interpretation)", message.GetProperty("text").GetString());
        await node.Demo.WaitForStatusAsync(jobId, "completed");
    }

    [Fact]
    public async Task Data_that_a_submission_would_refuse_is_refused_here_too_and_starts_nothing()
    {
        var id = await CreateAsync(node.Demo);

        using var response = await node.Demo.PostAsync($"{Conversations}/{id}/messages?stream=false",
            Bodies.Json(JsonSerializer.Serialize(new { text = "Run a new analysis", analysis = new { type = "astrology", csv = "x\n1\n" } })));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unsupported_type");
        var conversation = await node.Demo.GetJsonAsync($"{Conversations}/{id}");
        Assert.Equal(0, conversation.GetProperty("message_count").GetInt32());
    }

    [Fact]
    public async Task A_request_for_an_analysis_without_data_says_what_to_send()
    {
        var id = await CreateAsync(node.Demo);

        var message = await AskWholeAsync(node.Demo, id, new { text = "Run a trend analysis for me" });

        Assert.Equal("new_analysis", message.GetProperty("intent").GetString());
        Assert.Contains("\"analysis\": {\"type\": \"trend_analysis\"", message.GetProperty("text").GetString());
        Assert.Equal(0, message.GetProperty("references").GetArrayLength());
    }

    private static async Task<string> CreateAsync(HttpClient client)
    {
        using var response = await client.PostAsync(Conversations, Bodies.Json("{}"));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return body.GetProperty("conversation_id").GetString()!;
    }

    private static async Task<JsonElement> AskWholeAsync(HttpClient client, string id, object question)
    {
        using var response = await client.PostAsync($"{Conversations}/{id}/messages?stream=false", Bodies.Json(JsonSerializer.Serialize(question)));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return body;
    }

    private static List<SseEvent> ParseEvents(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => new SseEvent(null,
                lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..],
                string.Join("\n", lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]))))
            .ToList();
}
