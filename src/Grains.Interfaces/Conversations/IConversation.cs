namespace Actors.Conversations;

/// <summary>
/// One durable conversation, keyed <c>{tenantId}/{conversationId}</c> (see <see cref="Actors.Jobs.JobKey"/>).
/// Its state stays bounded: a window of recent messages plus an extractive summary of older turns.
/// A conversation never created (or deleted, or past retention) answers <c>null</c>.
/// </summary>
[Alias("Actors.Conversations.IConversation")]
public interface IConversation : IGrainWithStringKey
{
    /// <summary>Creates the conversation bound to <paramref name="jobIds"/>; a second call returns the existing one unchanged.</summary>
    [Alias("Create")]
    Task<ConversationView> Create(IReadOnlyList<string> jobIds);

    [Alias("Get"), ReadOnly]
    Task<ConversationView?> Get();

    /// <summary>What the next answer needs; null when the conversation does not exist.</summary>
    [Alias("GetContext"), ReadOnly]
    Task<ConversationContext?> GetContext();

    /// <summary>Appends a question and its answer as one turn; false when the conversation does not exist.</summary>
    [Alias("AddTurn")]
    Task<bool> AddTurn(ConversationMessage question, ConversationReply answer);

    /// <summary>Binds one more job (one the conversation started); the oldest bound job is let go beyond the limit. False when the conversation does not exist.</summary>
    [Alias("Bind")]
    Task<bool> Bind(string jobId);

    /// <summary>The retention sweep: erases the conversation if it was last touched before <paramref name="cutoff"/>; true when it is gone (erased now or before).</summary>
    [Alias("EraseIfUntouchedSince")]
    Task<bool> EraseIfUntouchedSince(DateTimeOffset cutoff);

    /// <summary>Erases the conversation's content from storage; true when there was one.</summary>
    [Alias("Delete")]
    Task<bool> Delete();
}
