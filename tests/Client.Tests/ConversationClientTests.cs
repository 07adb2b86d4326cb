using Actors.Client.Tests.Infrastructure;

namespace Actors.Client.Tests;

[Collection(ClientNodeCollection.Name)]
public sealed class ConversationClientTests(ClientNode node)
{
    private const string Log = "case_id,activity,timestamp\nc1,A,0\nc1,B,10\nc1,C,40\nc2,A,0\nc2,B,20\nc2,C,50\nc3,A,0\nc3,B,5\nc3,B,25\nc3,C,35\n";

    [Fact]
    public async Task A_streamed_answer_arrives_in_pieces_that_make_up_its_message()
    {
        var client = node.Client();
        var job = await client.SubmitAsync(new AnalysisRequest { Type = AnalysisTypes.ProcessAnalysis, Csv = Log });
        await client.WaitForResultAsync(job.JobId);
        var conversation = await client.Conversations.CreateAsync([job.JobId]);

        var events = await client.Conversations.AskStreamingAsync(conversation.ConversationId, "What is the bottleneck?").ToListAsync();
        var whole = await client.Conversations.AskAsync(conversation.ConversationId, "And its waiting time?");
        var history = await client.Conversations.GetAsync(conversation.ConversationId);

        var afterReset = events.SkipWhile(e => events.Any(r => r.Kind == AnswerEventKind.Reset) && e.Kind != AnswerEventKind.Reset).ToList();
        var message = Assert.Single(events, e => e.Kind == AnswerEventKind.Message).Message!;
        Assert.Equal(AnswerEventKind.Message, events[^1].Kind);
        Assert.Contains(events, e => e.Kind == AnswerEventKind.Delta);
        Assert.Equal(message.Text, string.Concat(afterReset.Where(e => e.Kind == AnswerEventKind.Delta).Select(e => e.Text)));
        Assert.Equal("assistant", message.Role);
        Assert.False(string.IsNullOrWhiteSpace(whole.Text));
        Assert.Equal(4, history.MessageCount);
        Assert.Equal([job.JobId], history.JobIds);
    }
}
