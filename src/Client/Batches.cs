using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Client;

/// <summary>Where a batch is: running until every item has finished, then completed (whatever each item's outcome) or cancelled.</summary>
public enum BatchStatus
{
    Unknown = 0,
    Running,
    Completed,
    Cancelled,
}

/// <summary>The 202 answer to a batch submission.</summary>
public sealed record SubmittedBatch(string BatchId, BatchStatus Status, int Total, string StatusUrl, string EventsUrl, string ItemsUrl, string ResultsUrl);

/// <summary>A batch: its items' counts by status and the aggregated progress (0–100).</summary>
public sealed record Batch(
    string BatchId,
    BatchStatus Status,
    string? Type,
    string? GroupBy,
    int Total,
    BatchCounts Counts,
    int Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

public sealed record BatchCounts(int Queued, int Running, int Completed, int Failed, int Cancelled);

/// <summary>One item of a batch: its job, and for a file split by <c>group_by</c>, the group's value.</summary>
public sealed record BatchItem(int Index, string? Key, string JobId, JobStatus Status, JobError? Error);

public sealed record BatchItemPage(IReadOnlyList<BatchItem> Items, int Total, string? NextCursor);

/// <summary>
/// One event of a batch's stream: an item finished (<c>item</c>), or every item has (<c>completed</c>, the last).
/// <see cref="Sequence"/> counts finished items, so resuming after it loses and repeats nothing.
/// </summary>
public sealed record BatchEvent(
    string BatchId,
    long Sequence,
    [property: JsonPropertyName("event")] string EventName,
    int? Index,
    string? Key,
    string? JobId,
    JobStatus? Status,
    JobError? Error,
    int Finished,
    int Total,
    int Progress)
{
    [JsonIgnore]
    public bool IsTerminal => EventName is "completed" or "cancelled";
}

/// <summary>One line of a batch's JSON export: the item and, once completed, its report.</summary>
public sealed record BatchResult(int Index, string? Key, string JobId, JobStatus Status, JobError? Error, JsonElement? Report);
