using Actors.Api.Analyses;
using Actors.Api.OpenApi;
using Actors.Batches;

namespace Actors.Api.Batches;

/// <summary>The 202 answer to a batch submission.</summary>
public sealed record SubmittedBatchResponse(
    string BatchId,
    [property: WireEnum(WireEnums.BatchStatus)] string Status,
    int Total,
    string StatusUrl,
    string EventsUrl,
    string ItemsUrl,
    string ResultsUrl)
{
    public static SubmittedBatchResponse From(BatchView view)
    {
        var url = BatchEndpoints.UrlOf(view.BatchId);
        return new(view.BatchId, view.Status.ToWire(), view.Total, url, $"{url}/events", $"{url}/items", $"{url}/results");
    }
}

/// <summary>A batch: its items' counts by status and its progress (the share of items finished, 0–100).</summary>
public sealed record BatchResponse(
    string BatchId,
    [property: WireEnum(WireEnums.BatchStatus)] string Status,
    [property: WireEnum(WireEnums.AnalysisType)] string? Type,
    string? GroupBy,
    int Total,
    BatchCountsResponse Counts,
    int Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static BatchResponse From(BatchView v) => new(v.BatchId, v.Status.ToWire(), v.Type, v.GroupBy, v.Total,
        new BatchCountsResponse(v.Counts.Queued, v.Counts.Running, v.Counts.Completed, v.Counts.Failed, v.Counts.Cancelled),
        v.Progress, v.CreatedAt, v.CompletedAt);
}

public sealed record BatchCountsResponse(int Queued, int Running, int Completed, int Failed, int Cancelled);

/// <summary>One item: its place, the group's value (a file split by <c>group_by</c>) and its job.</summary>
public sealed record BatchItemResponse(
    int Index,
    string? Key,
    string JobId,
    [property: WireEnum(WireEnums.JobStatus)] string Status,
    JobErrorResponse? Error)
{
    public static BatchItemResponse From(BatchItemView item) => new(item.Index, item.Key, item.JobId, item.Status.ToWire(),
        item.Error is null ? null : new JobErrorResponse(item.Error.Code, item.Error.Message));
}

/// <summary>A page of a batch's items, in submission order; pass <c>next_cursor</c> as <c>cursor</c> for the next (null on the last).</summary>
public sealed record BatchItemListResponse(IReadOnlyList<BatchItemResponse> Items, int Total, string? NextCursor);

/// <summary>
/// The <c>data:</c> of a batch event: <c>item</c> (an item finished: which, and how) or, last, <c>completed</c> or
/// <c>cancelled</c>. The sequence is the number of items finished (the last event's is total + 1).
/// </summary>
public sealed record BatchEventData(
    string BatchId,
    long Sequence,
    string Event,
    int? Index,
    string? Key,
    string? JobId,
    [property: WireEnum(WireEnums.JobStatus)] string? Status,
    JobErrorResponse? Error,
    int Finished,
    int Total,
    int Progress)
{
    public static BatchEventData From(string batchId, BatchEvent e) => new(
        batchId, e.Sequence, EventName(e), e.Item?.Index, e.Item?.Key, e.Item?.JobId, e.Item?.Status.ToWire(),
        e.Item?.Error is { } error ? new JobErrorResponse(error.Code, error.Message) : null,
        e.Finished, e.Total, e.Total == 0 ? 100 : (int)(100L * e.Finished / e.Total));

    public static string EventName(BatchEvent e) => e.Item is not null ? "item" : e.Status.ToWire();
}

/// <summary>The body of a batch submission as JSON: analysis bodies, each validated as <c>POST /api/v1/analyses</c> validates one.</summary>
public sealed record BatchSubmission(IReadOnlyList<AnalysisSubmission> Items);
