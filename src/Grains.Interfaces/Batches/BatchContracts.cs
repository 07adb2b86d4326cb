using Actors.Jobs;

namespace Actors.Batches;

/// <summary>A batch to create: its items, each with the id its job is (or will be) submitted under.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchDraft")]
public sealed record BatchDraft(
    [property: Id(0)] string BatchId,
    [property: Id(1)] string? Type,
    [property: Id(2)] string? GroupBy,
    [property: Id(3)] IReadOnlyList<BatchItemDraft> Items,
    [property: Id(4)] string Fingerprint);

/// <summary>What <see cref="IBatch.Create"/> did: made the batch, or found it (made by the same request, or not).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchCreation")]
public sealed record BatchCreation(
    [property: Id(0)] BatchView View,
    [property: Id(1)] bool Created,
    [property: Id(2)] bool SameRequest);

/// <summary>An item: its place, the group's value when a file was split by a column, and its job.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchItemDraft")]
public sealed record BatchItemDraft(
    [property: Id(0)] string? Key,
    [property: Id(1)] string JobId);

/// <summary>Items by status.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchCounts")]
public sealed record BatchCounts(
    [property: Id(0)] int Queued,
    [property: Id(1)] int Running,
    [property: Id(2)] int Completed,
    [property: Id(3)] int Failed,
    [property: Id(4)] int Cancelled)
{
    public int Finished => Completed + Failed + Cancelled;
}

/// <summary>A batch as readers see it. <see cref="Progress"/> is the share of items finished, 0–100.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchView")]
public sealed record BatchView(
    [property: Id(0)] string BatchId,
    [property: Id(1)] BatchStatus Status,
    [property: Id(2)] string? Type,
    [property: Id(3)] string? GroupBy,
    [property: Id(4)] int Total,
    [property: Id(5)] BatchCounts Counts,
    [property: Id(6)] int Progress,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? CompletedAt,
    [property: Id(9)] bool CancelRequested);

[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchItemView")]
public sealed record BatchItemView(
    [property: Id(0)] int Index,
    [property: Id(1)] string? Key,
    [property: Id(2)] string JobId,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] JobError? Error);

[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchItemPage")]
public sealed record BatchItemPage(
    [property: Id(0)] IReadOnlyList<BatchItemView> Items,
    [property: Id(1)] int Total);

/// <summary>
/// One event of a batch: an item finished (<see cref="Item"/> set), or, last, the batch did. Sequence n is the
/// n-th item to finish, and the batch's own event is total + 1; sequences are persisted before any reader
/// sees them, so a resumed reader never gets a different item under a sequence it saw.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchEvent")]
public sealed record BatchEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] BatchItemView? Item,
    [property: Id(2)] BatchStatus Status,
    [property: Id(3)] int Finished,
    [property: Id(4)] int Total);

[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchEventPage")]
public sealed record BatchEventPage(
    [property: Id(0)] IReadOnlyList<BatchEvent> Events,
    [property: Id(1)] BatchStatus Status);
