using Actors.Llm;
using Microsoft.Extensions.AI;

namespace Actors.Conversations;

/// <summary>
/// Answers a general question with the tenant's LLM (<see cref="TenantLlm"/>), as it comes, streamed as the
/// LLM writes it (there are no report numbers to check first). Results questions are the
/// <see cref="ConversationAgent"/>'s. Null text means the LLM gave no usable answer.
/// </summary>
public sealed class LlmAnswers(TenantLlm llm, ILogger<LlmAnswers> logger)
{
    public const string InventedNumbers = LlmReasons.InventedNumbers;
    public const string Unavailable = "unavailable";

    private const int RecentMessages = 6;

    private const string GeneralPrompt = """
        You are the assistant of a data-analysis service. Answer the user's message briefly and plainly. You can
        neither see nor change anything beyond this conversation; for figures, the user should ask about the
        analyses bound to the conversation.
        """;

    /// <summary>A general question, its answer handed to <paramref name="observer"/> as it is written (there are no report numbers to check first).</summary>
    public async Task<LlmReply> GeneralAsync(ConversationCall call, string question, ConversationContext context, IAnswerObserver? observer, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, GeneralPrompt) };
        messages.AddRange(Recent(context));
        messages.Add(new ChatMessage(ChatRole.User, question));
        Func<string?, Task>? deltas = observer is null ? null : text => HandOnAsync(observer, text, call);
        var answer = (await llm.AskAsync(new LlmQuestion((call with { Step = "answer" }).Caller, messages, new ChatOptions { Temperature = 0.3f }), cancellationToken, deltas)).Answer;
        if (answer is null || string.IsNullOrWhiteSpace(answer.Text))
        {
            return LlmReply.None(Unavailable);
        }
        // Streamed text is kept as sent, so the pieces join back to the message.
        return new LlmReply(observer is null ? answer.Text.Trim() : answer.Text, null, []);
    }

    /// <summary>A listener gone away (its API node stopped) must not count against the provider: its failures end here.</summary>
    private async Task HandOnAsync(IAnswerObserver observer, string? text, ConversationCall call)
    {
        try
        {
            await (text is null ? observer.Reset() : observer.Delta(text));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Conversation {TenantId}/{ConversationId}: the streamed answer's listener did not take a piece", call.TenantId, call.ConversationId);
        }
    }

    /// <summary>The last messages of the conversation, as chat turns.</summary>
    public static IEnumerable<ChatMessage> Recent(ConversationContext context) =>
        context.Recent.TakeLast(RecentMessages).Select(m => new ChatMessage(m.Role == ConversationMessage.User ? ChatRole.User : ChatRole.Assistant, m.Text));
}

/// <summary>An LLM's answer (null text: none usable), how its numbers fared (<c>passed</c>, <c>regenerated</c>; or why there is none), and the jobs it drew on.</summary>
public sealed record LlmReply(string? Text, string? Outcome, IReadOnlyList<string> References)
{
    public static LlmReply None(string why) => new(null, why, []);
}
