namespace Actors.Conversations;

/// <summary>How a question was classified: the intent's wire name (<c>results</c>, <c>new_analysis</c>, …) and by which router (<c>llm</c> or <c>rules</c>).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.RoutedQuestion")]
public sealed record RoutedQuestion(
    [property: Id(0)] string Intent,
    [property: Id(1)] string RoutedBy);

/// <summary>
/// A question to answer. <see cref="Routed"/> is the routing already done for it (null: route it now);
/// <see cref="StartedJobId"/> is the analysis job this question started, which the answer binds and reports on;
/// <see cref="Observer"/>, when set, is sent the text of an answer the LLM writes as it comes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationQuestion")]
public sealed record ConversationQuestion(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string Text,
    [property: Id(3)] RoutedQuestion? Routed = null,
    [property: Id(4)] string? StartedJobId = null,
    [property: Id(5)] IAnswerObserver? Observer = null);
