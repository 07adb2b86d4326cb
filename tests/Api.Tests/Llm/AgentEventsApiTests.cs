using Actors.Grains.Tests.Llm;
using static Actors.Grains.Tests.Agents.FakeAgents;

namespace Actors.Api.Tests.Llm;

/// <summary>A job's agents at work over HTTP: <c>event: agent</c> frames in the job's stream, replayed after Last-Event-ID like every event.</summary>
public sealed class AgentEventsApiTests(LlmNode node) : IClassFixture<LlmNode>
{
    private const string GroupBy = """{"group_by":"region","measure":"revenue","aggregates":["sum"]}""";

    [Fact]
    public async Task Agent_events_are_in_the_stream_and_replayed_after_last_event_id()
    {
        node.Global.Answering = By(
            (r => From(r, "Business Analyst"), ToolThenAnswer("group_by", GroupBy,
                Answer("Invest in the north: its revenue sums to 400.", "North leads", "group_by", "north.sum", 400, "Invest in the north"))),
            (r => From(r, "Data Interpreter"), ToolThenAnswer("group_by", GroupBy,
                Answer("The north sums to 400.", "North leads", "group_by", "north.sum", 400, "Invest in the north"))),
            (IsNarrative, _ => FakeReply.Answer("The north leads.", 100, 10)));
        var body = JsonSerializer.Serialize(new
        {
            type = "custom_analysis",
            question = "Which region should we invest in?",
            csv = "region,revenue\nnorth,100\nsouth,200\nnorth,300\neast,90\n",
            options = new { llm_cache = false },
        });
        var jobId = await node.Demo.SubmitAndCompleteAsync(body);
        var events = $"{ApiCalls.Analyses}/{jobId}/events";
        await using var whole = await SseReader.OpenAsync(node.Demo, events);
        var all = await whole.ReadEventsToEndAsync("the full replay of the job");
        var agent = all.Where(e => e.Event == "agent").ToList();
        // Each analyst: started, called group_by, answered.
        Assert.Equal(6, agent.Count);
        Assert.Contains(agent, e => e.Json.GetProperty("message").GetString()!.StartsWith("tool_called: business_analyst called group_by at answer", StringComparison.Ordinal));
        var after = agent[1].Sequence;

        await using var resumed = await SseReader.OpenAsync(node.Demo, events, lastEventId: after.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var replayed = await resumed.ReadEventsToEndAsync($"the events after Last-Event-ID {after}");

        Assert.Equal(all.Where(e => e.Sequence > after).Select(e => (e.Sequence, e.Event, e.Data)), replayed.Select(e => (e.Sequence, e.Event, e.Data)));
        Assert.Equal(4, replayed.Count(e => e.Event == "agent"));
        Assert.Equal("completed", replayed[^1].Event);
        var report = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
        Assert.Equal("llm", report.GetProperty("provenance").GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "answer").GetProperty("engine").GetString());
    }
}
