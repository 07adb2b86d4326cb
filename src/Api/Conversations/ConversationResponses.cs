using Actors.Conversations;

namespace Actors.Api.Conversations;

/// <summary>Body of <c>POST /api/v1/conversations</c>.</summary>
public sealed record ConversationCreateBody(IReadOnlyList<string>? JobIds);

/// <summary>Body of <c>POST /api/v1/conversations/{id}/messages</c>: the question, and optionally an analysis to start (the body of <c>POST /api/v1/analyses</c>).</summary>
public sealed record ConversationQuestionBody(string Text, Actors.Api.OpenApi.AnalysisSubmission? Analysis);

/// <summary>
/// A message; an answer also says which router classified the question, what wrote the answer (<c>llm</c> or <c>rules</c>),
/// how an LLM answer's numbers fared, and for a results answer an agent worked on, how it worked.
/// </summary>
public sealed record MessageResponse(string Role, string Text, DateTimeOffset CreatedAt, IReadOnlyList<string> References, string? Intent,
    string? RoutedBy, string? AnsweredBy, string? Grounding, AgentRunResponse? Agent)
{
    public static MessageResponse From(ConversationMessage m) => new(m.Role, m.Text, m.At, m.References, m.Intent, m.RoutedBy, m.AnsweredBy, m.Grounding,
        m.Agent is { } run ? AgentRunResponse.From(run) : null);
}

/// <summary>The agent's work on an answer, shaped like a job's <c>provenance.steps[]</c> entry, with what it read of each job (<c>data</c> or <c>report</c>).</summary>
public sealed record AgentRunResponse(string Agent, string Engine, string? Model, IReadOnlyList<ToolCallResponse> ToolCalls, long Tokens, decimal CostUsd,
    string? FallbackReason, IReadOnlyList<SourceResponse> Sources)
{
    public static AgentRunResponse From(ConversationAgentRun run) => new(run.Agent, run.Engine, run.Model,
        [.. run.ToolCalls.Select(c => new ToolCallResponse(c.Name, System.Text.Json.JsonDocument.Parse(c.ArgumentsJson).RootElement.Clone()))],
        run.Tokens, run.CostUsd, run.FallbackReason, [.. run.Sources.Select(s => new SourceResponse(s.JobId, s.From))]);
}

public sealed record ToolCallResponse(string Name, System.Text.Json.JsonElement Arguments);

public sealed record SourceResponse(string JobId, string From);

/// <summary>The <c>data</c> of a <c>progress</c> event: the state of the analysis the question started.</summary>
public sealed record AnalysisProgress(string JobId, [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.JobStatus)] string Status, int Progress, string? CurrentStep);

/// <summary>A conversation's history: the recent window word for word and a summary of the turns before it.</summary>
public sealed record ConversationResponse(
    string ConversationId,
    IReadOnlyList<string> JobIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long MessageCount,
    string Summary,
    long SummarizedMessages,
    IReadOnlyList<MessageResponse> Messages,
    string MessagesUrl)
{
    public static ConversationResponse From(ConversationView v) => new(v.ConversationId, v.JobIds, v.CreatedAt, v.UpdatedAt, v.MessageCount,
        v.Summary, v.SummarizedMessages, v.Messages.Select(MessageResponse.From).ToList(), $"/api/v1/conversations/{v.ConversationId}/messages");
}

public sealed record ConversationListItem(string ConversationId, IReadOnlyList<string> JobIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long MessageCount, string? Title);

/// <summary>One page of the tenant's conversations; <c>next_cursor</c> (also in the <c>Link</c> header) is null on the last page.</summary>
public sealed record ConversationListResponse(IReadOnlyList<ConversationListItem> Items, int Page, int PerPage, int Total, string? NextCursor);

/// <summary>The <c>data</c> of a <c>delta</c> event: the next piece of the answer's text.</summary>
public sealed record AnswerDelta(string Text);
