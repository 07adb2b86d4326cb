namespace Actors.Conversations;

/// <summary>What answering the next question needs: the bound jobs, the recent messages and the last topic talked about.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationContext")]
public sealed record ConversationContext(
    [property: Id(0)] IReadOnlyList<string> JobIds,
    [property: Id(1)] IReadOnlyList<ConversationMessage> Recent,
    [property: Id(2)] ConversationTopic? Topic);

/// <summary>The subject of the last answer (e.g. topic <c>bottleneck</c>, subject activity <c>Review</c>), so "and its waiting time?" can follow on.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationTopic")]
public sealed record ConversationTopic(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Subject,
    [property: Id(2)] string? JobId);

/// <summary>An answer to record: the message and the topic it leaves the conversation on.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationReply")]
public sealed record ConversationReply(
    [property: Id(0)] ConversationMessage Message,
    [property: Id(1)] ConversationTopic? Topic);
