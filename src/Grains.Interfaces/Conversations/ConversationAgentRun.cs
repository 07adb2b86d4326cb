namespace Actors.Conversations;

/// <summary>
/// How an agent worked on an answer, like a job's <c>provenance.steps[]</c> entry: the agent, the
/// engine that wrote the text (<c>llm</c>, or <c>statistical</c> when the rules' answer stands), the
/// model, every tool call, the tokens and cost of every call (paid for either way), why it fell back
/// (<c>ungrounded</c>, <c>provider_error</c>, <c>breaker_open</c>, <c>budget_reached</c>, <c>timeout</c>),
/// and what it could read of each job: its table (<c>data</c>) or, its data gone, its report only.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationAgentRun")]
public sealed record ConversationAgentRun(
    [property: Id(0)] string Agent,
    [property: Id(1)] string Engine,
    [property: Id(2)] string? Model,
    [property: Id(3)] IReadOnlyList<ConversationToolCall> ToolCalls,
    [property: Id(4)] long Tokens,
    [property: Id(5)] decimal CostUsd,
    [property: Id(6)] string? FallbackReason,
    [property: Id(7)] IReadOnlyList<ConversationSource> Sources);

/// <summary>One tool call of a conversation's agent: the tool and its arguments (JSON text).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationToolCall")]
public sealed record ConversationToolCall(
    [property: Id(0)] string Name,
    [property: Id(1)] string ArgumentsJson);

/// <summary>What the agent could read of one bound job: <c>data</c> (its table, and its report) or <c>report</c> (its data is gone).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationSource")]
public sealed record ConversationSource(
    [property: Id(0)] string JobId,
    [property: Id(1)] string From)
{
    public const string Data = "data";
    public const string Report = "report";
}
