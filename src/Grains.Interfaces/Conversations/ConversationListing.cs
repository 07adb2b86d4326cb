namespace Actors.Conversations;

/// <summary>One conversation in its tenant's list.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationListEntry")]
public sealed record ConversationListEntry(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] IReadOnlyList<string> JobIds,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] long MessageCount,
    [property: Id(5)] string? Title);

/// <summary>One page of a tenant's conversations, most recently updated first.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationPage")]
public sealed record ConversationPage(
    [property: Id(0)] IReadOnlyList<ConversationListEntry> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PerPage,
    [property: Id(3)] int Total);
