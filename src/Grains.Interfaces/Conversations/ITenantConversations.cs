namespace Actors.Conversations;

/// <summary>A tenant's conversations for listing, keyed by tenant id: a bounded read model the conversations write to.</summary>
[Alias("Actors.Conversations.ITenantConversations")]
public interface ITenantConversations : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(ConversationListEntry entry);

    [Alias("Remove")]
    Task Remove(string conversationId);

    /// <summary>Erases the tenant's conversations untouched for longer than its retention and those pushed out of its list since the last sweep; the number erased. Runs on a reminder too.</summary>
    [Alias("Sweep")]
    Task<int> Sweep();

    [Alias("List"), ReadOnly]
    Task<ConversationPage> List(int page, int perPage);
}
