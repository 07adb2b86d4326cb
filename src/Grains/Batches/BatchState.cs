namespace Actors.Batches;

/// <summary>
/// A batch's persisted record: its items in submission order, each with its job, last known status and, once
/// finished, the place it finished in (its event's sequence; 0 while unfinished). The jobs are the source of
/// truth for their items: a status written late (or lost with a silo) is asked of the job again.
/// </summary>
[GenerateSerializer, Alias("Actors.Batches.BatchState")]
public sealed record BatchState
{
    [Id(0)] public string? BatchId { get; init; }
    [Id(1)] public string? Type { get; init; }
    [Id(2)] public string? GroupBy { get; init; }
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset? CompletedAt { get; init; }
    [Id(5)] public bool CancelRequested { get; init; }
    [Id(6)] public IReadOnlyList<BatchItemRecord> Items { get; init; } = [];
    [Id(7)] public string? Fingerprint { get; init; }
}

[GenerateSerializer, Immutable, Alias("Actors.Batches.BatchItemRecord")]
public sealed record BatchItemRecord(
    [property: Id(0)] string? Key,
    [property: Id(1)] string JobId,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] JobError? Error,
    [property: Id(4)] int FinishedSequence);
