namespace Actors.Conversations;

/// <summary>A tenant's most recently updated conversations, by id.</summary>
[GenerateSerializer, Alias("Actors.Conversations.TenantConversationsState")]
public sealed class TenantConversationsState
{
    [Id(0)] public Dictionary<string, ConversationListEntry> Conversations { get; set; } = [];
}
