namespace Actors.Conversations;

/// <summary>
/// Answers one question of a conversation: reads the conversation's context, routes the question
/// (the tenant's LLM chain where available, rules otherwise), answers it from the bound jobs' reports,
/// then records the turn. A stateless worker, so the conversation grain is never held while an
/// answer is worked out.
/// </summary>
[Alias("Actors.Conversations.IConversationResponder")]
public interface IConversationResponder : IGrainWithIntegerKey
{
    /// <summary>The recorded answer; null when the conversation does not exist.</summary>
    [Alias("Ask")]
    Task<ConversationMessage?> Ask(string tenantId, string conversationId, string question);

    /// <summary>Classifies a question without answering it; null when the conversation does not exist.</summary>
    [Alias("Route")]
    Task<RoutedQuestion?> Route(string tenantId, string conversationId, string question);

    /// <summary>The recorded answer to <paramref name="question"/>; null when the conversation does not exist.</summary>
    [Alias("Answer")]
    Task<ConversationMessage?> Answer(ConversationQuestion question);
}
