namespace Actors.Conversations;

/// <summary>
/// Answers one question of a conversation: reads the conversation's context, routes the question,
/// answers it from the bound jobs' reports, then records the turn. A stateless worker, so the
/// conversation grain is never held while an answer is worked out.
/// </summary>
[Alias("Actors.Conversations.IConversationResponder")]
public interface IConversationResponder : IGrainWithIntegerKey
{
    /// <summary>The recorded answer; null when the conversation does not exist.</summary>
    [Alias("Ask")]
    Task<ConversationMessage?> Ask(string tenantId, string conversationId, string question);
}
