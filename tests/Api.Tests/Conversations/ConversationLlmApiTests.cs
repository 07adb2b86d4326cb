using Actors.Api.Tests.Llm;

namespace Actors.Api.Tests.Conversations;

/// <summary>Conversations over HTTP on a node whose chain is a loopback OpenAI fake: LLM deltas streamed as they come, checked answers, usage.</summary>
public sealed class ConversationLlmApiTests(LlmNode node) : IClassFixture<LlmNode>
{
    private const string Conversations = "/api/v1/conversations";

    [Fact]
    public async Task LlmAnswersStreamAsDeltasThatMakeUpTheMessageAndTheirCostIsInTheTenantsUsage()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(JsonSerializer.Serialize(new { type = "process_analysis", csv = ProcessLog.Csv, options = new { llm = "false" } }));
        using var created = await node.Demo.PostAsync(Conversations, Bodies.Json(JsonSerializer.Serialize(new { job_ids = new[] { jobId } })));
        var id = (await created.ReadJsonAsync()).GetProperty("conversation_id").GetString()!;
        node.Global.Then(FakeReply.Answer("general"), FakeReply.Answer("Plan the review for Monday.", 50, 8),
            FakeReply.Answer("results"), FakeReply.Answer("The bottleneck is C.", 200, 9));

        var general = await AskStreamedAsync(id, "What should we do next week?");
        var results = await AskStreamedAsync(id, "Where is the hold-up?");

        Assert.Equal(["Plan the revi", "ew for Monday."], general.Deltas);
        Assert.Equal(("Plan the review for Monday.", "general", "llm", "llm"), (general.Text, general.Message.GetProperty("intent").GetString(),
            general.Message.GetProperty("routed_by").GetString(), general.Message.GetProperty("answered_by").GetString()));
        Assert.Equal("The bottleneck is C.", string.Concat(results.Deltas));
        Assert.Equal(("The bottleneck is C.", "results", "llm", "passed"), (results.Text, results.Message.GetProperty("intent").GetString(),
            results.Message.GetProperty("answered_by").GetString(), results.Message.GetProperty("grounding").GetString()));
        Assert.Equal(jobId, results.Message.GetProperty("references")[0].GetString());

        var usage = await node.Demo.GetJsonAsync("/api/v1/usage?group_by=agent");
        var conversation = Assert.Single(usage.GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "conversation");
        Assert.Equal(4, conversation.GetProperty("calls").GetInt64());
    }

    private async Task<(List<string> Deltas, string Text, JsonElement Message)> AskStreamedAsync(string id, string question)
    {
        using var response = await node.Demo.PostAsync($"{Conversations}/{id}/messages", Bodies.Json(JsonSerializer.Serialize(new { text = question })));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => (Event: lines.First(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..],
                Data: JsonDocument.Parse(lines.First(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]).RootElement.Clone()))
            .ToList();
        Assert.DoesNotContain(events, e => e.Event == "reset");
        Assert.Equal("message", events[^1].Event);
        var message = events[^1].Data;
        return (events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()!).ToList(), message.GetProperty("text").GetString()!, message);
    }
}
