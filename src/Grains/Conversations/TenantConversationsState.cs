namespace Actors.Conversations;

/// <summary>A tenant's most recently updated conversations, by id.</summary>
[GenerateSerializer, Alias("Actors.Conversations.TenantConversationsState")]
public sealed class TenantConversationsState
{
    [Id(0)] public Dictionary<string, ConversationListEntry> Conversations { get; set; } = [];

    /// <summary>Conversations pushed out of the list and when each was last updated then: the next sweep erases them unless touched since.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> PushedOut { get; set; } = [];
}
