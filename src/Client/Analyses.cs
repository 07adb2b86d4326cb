using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Client;

/// <summary>The analysis types the service ships. Types are strings on the wire: a tenant's node may register more.</summary>
public static class AnalysisTypes
{
    public const string DataInterpretation = "data_interpretation";
    public const string TrendAnalysis = "trend_analysis";
    public const string ProcessAnalysis = "process_analysis";
    public const string OptimizationReview = "optimization_review";
    public const string CustomAnalysis = "custom_analysis";
}

/// <summary>Where a job is in its life. Completed, failed and cancelled are terminal.</summary>
public enum JobStatus
{
    /// <summary>A status this version of the client does not know.</summary>
    Unknown = 0,
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
    /// <summary>Stopped at a team's approval step until someone approves or rejects it (or its timeout decides).</summary>
    AwaitingApproval,
    /// <summary>Ended by a rejection at an approval step.</summary>
    Rejected,
}

/// <summary>A job's place in its tenant's queue: high before normal before low.</summary>
public enum JobPriority
{
    Unknown = 0,
    High,
    Normal,
    Low,
}

/// <summary>The <c>event:</c> of a job event.</summary>
public enum JobEventKind
{
    /// <summary>An event kind this version of the client does not know; <see cref="JobEvent.EventName"/> has its name.</summary>
    Unknown = 0,
    Queued,
    Started,
    Progress,
    Step,
    Completed,
    Failed,
    Cancelled,
    ApprovalRequested,
    Approved,
    Rejected,
}

public static class JobStatusExtensions
{
    public static bool IsTerminal(this JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Rejected;

    public static bool IsTerminal(this JobEventKind kind) => kind is JobEventKind.Completed or JobEventKind.Failed or JobEventKind.Cancelled or JobEventKind.Rejected;
}

/// <summary>
/// A submission: the type, the data (<see cref="Records"/> or <see cref="Csv"/>, exactly one) and what to ask.
/// The body of <c>POST /api/v1/analyses</c>, and of each item of a batch.
/// </summary>
public sealed record AnalysisRequest
{
    /// <summary>One of <see cref="AnalysisTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The data as CSV text with a header row.</summary>
    public string? Csv { get; init; }

    /// <summary>The data as flat records (column name to a string, number, boolean or null).</summary>
    [JsonIgnore]
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? Records { get; init; }

    /// <summary>A question in plain words (custom_analysis answers it).</summary>
    public string? Question { get; init; }

    /// <summary>Option names to strings, numbers or booleans, e.g. <c>time_field</c>, <c>value_field</c>.</summary>
    public IReadOnlyDictionary<string, object>? Options { get; init; }

    public JobPriority? Priority { get; init; }

    /// <summary>A team template's name; default: the analysis type's shipped team.</summary>
    public string? Team { get; init; }

    /// <summary>An absolute http(s) URL told about the job's outcome (signed with the tenant's callback secret).</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>The wire shape: records travel as <c>data.records</c>.</summary>
    [JsonPropertyName("data")]
    public RecordsData? Data => Records is null ? null : new RecordsData(Records);

    public sealed record RecordsData(IReadOnlyList<IReadOnlyDictionary<string, object?>> Records);
}

/// <summary>The 202 answer to a submission.</summary>
public sealed record SubmittedAnalysis(
    string JobId,
    JobStatus Status,
    int PositionInQueue,
    string StatusUrl,
    string EventsUrl,
    string ResultUrl);

/// <summary>A job's status.</summary>
public sealed record AnalysisStatus(
    string JobId,
    string Type,
    JobStatus Status,
    JobPriority Priority,
    int Progress,
    string? CurrentStep,
    int Attempts,
    int? PositionInQueue,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JobError? Error);

/// <summary>Why a job failed: a stable code and a message.</summary>
public sealed record JobError(string Code, string Message);

/// <summary>One page of the tenant's jobs, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record AnalysisPage(IReadOnlyList<AnalysisStatus> Items, string? NextCursor);

/// <summary>
/// One event of a job, as its event stream sends it. <see cref="Sequence"/> starts at 1 and grows by one
/// per event; the stream ends after the terminal event (completed, failed, cancelled or rejected).
/// </summary>
public sealed record JobEvent(
    string JobId,
    long Sequence,
    [property: JsonPropertyName("event")] string EventName,
    JobStatus Status,
    int Progress,
    string? CurrentStep,
    string? Message,
    JobError? Error,
    DateTimeOffset Timestamp)
{
    /// <summary>The kind of <see cref="EventName"/>; <see cref="JobEventKind.Unknown"/> for kinds newer than this client.</summary>
    [JsonIgnore]
    public JobEventKind Kind => Enum.TryParse<JobEventKind>(EventName.Replace("_", ""), ignoreCase: true, out var kind) && kind != JobEventKind.Unknown
        ? kind : JobEventKind.Unknown;

    [JsonIgnore]
    public bool IsTerminal => Kind.IsTerminal();
}

/// <summary>A finished job's report. Every number in the text comes from <see cref="Metrics"/> or a tool's output.</summary>
public sealed record AnalysisReport(
    string JobId,
    string Type,
    string Summary,
    IReadOnlyList<ReportKpi> Kpis,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<ReportRecommendation> Recommendations,
    JsonElement Metrics,
    IReadOnlyList<JsonElement> Charts,
    JsonElement Provenance,
    ReportUsage? Usage);

public sealed record ReportKpi(string Name, JsonElement Value, string? Unit);

public enum FindingSeverity
{
    Unknown = 0,
    Info,
    Warning,
    Critical,
}

public sealed record ReportFinding(string Title, FindingSeverity Severity, string Detail, JsonElement? Evidence);

public sealed record ReportRecommendation(string Title, string Detail, string? Impact, string? Effort);

public sealed record ReportUsage(long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>The renderings of a report besides JSON.</summary>
public enum ReportFormat
{
    Unknown = 0,
    Json,
    Md,
    Html,
}
