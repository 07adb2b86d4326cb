using System.Text.Json;

namespace Actors.Client;

/// <summary>A conversation's history: the recent window word for word and a summary of the turns before it.</summary>
public sealed record Conversation(
    string ConversationId,
    IReadOnlyList<string> JobIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long MessageCount,
    string Summary,
    long SummarizedMessages,
    IReadOnlyList<ConversationMessage> Messages,
    string MessagesUrl);

/// <summary>A message; an answer also says which router classified the question and what wrote it (<c>llm</c> or <c>rules</c>).</summary>
public sealed record ConversationMessage(
    string Role,
    string Text,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> References,
    string? Intent,
    string? RoutedBy,
    string? AnsweredBy,
    string? Grounding);

public sealed record ConversationSummary(string ConversationId, IReadOnlyList<string> JobIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long MessageCount, string? Title);

/// <summary>One page of the tenant's conversations, most recently updated first.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, string? NextCursor);

/// <summary>What a streamed answer sends, in order.</summary>
public enum AnswerEventKind
{
    /// <summary>An event this version of the client does not know.</summary>
    Unknown = 0,

    /// <summary>The next piece of the answer's text (<see cref="AnswerEvent.Text"/>).</summary>
    Delta,

    /// <summary>The pieces sent so far are void: the answer starts again.</summary>
    Reset,

    /// <summary>The state of an analysis the question started (<see cref="AnswerEvent.Progress"/>).</summary>
    Progress,

    /// <summary>The whole message (<see cref="AnswerEvent.Message"/>); the last event.</summary>
    Message,

    /// <summary>The answer could not be given (<see cref="AnswerEvent.Data"/> has the problem).</summary>
    Error,
}

/// <summary>One event of a streamed answer.</summary>
public sealed record AnswerEvent(AnswerEventKind Kind, string EventName, JsonElement Data)
{
    public string? Text => Kind == AnswerEventKind.Delta ? Data.GetProperty("text").GetString() : null;

    public ConversationMessage? Message => Kind == AnswerEventKind.Message ? Data.Deserialize<ConversationMessage>(WireJson.Options) : null;

    public AnalysisProgress? Progress => Kind == AnswerEventKind.Progress ? Data.Deserialize<AnalysisProgress>(WireJson.Options) : null;
}

/// <summary>The state of the analysis a question started.</summary>
public sealed record AnalysisProgress(string JobId, JobStatus Status, int Progress, string? CurrentStep);
