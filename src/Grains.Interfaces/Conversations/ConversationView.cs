namespace Actors.Conversations;

/// <summary>
/// A conversation as it is kept: the bound jobs, the recent window of messages, and an
/// extractive summary of the older turns that left the window.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] IReadOnlyList<string> JobIds,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] long MessageCount,
    [property: Id(5)] IReadOnlyList<ConversationMessage> Messages,
    [property: Id(6)] string Summary,
    [property: Id(7)] long SummarizedMessages);
