using Actors.Jobs;

namespace Actors.Batches;

/// <summary>
/// Many analyses submitted as one, keyed <c>{tenantId}/{batchId}</c>. Each item is an ordinary job (durable
/// and retried on its own); the batch holds their ids, hears of their progress from the jobs and asks them
/// when it may have missed something (after its silo died, say), so every item is accounted for.
/// </summary>
[Alias("Actors.Batches.IBatch")]
public interface IBatch : IGrainWithStringKey
{
    /// <summary>
    /// Persists the batch with its items' job ids (the caller submits the jobs after). Idempotent: an existing batch
    /// is answered as it is, saying whether the draft is the request that made it (same fingerprint).
    /// </summary>
    [Alias("Create")]
    Task<BatchCreation> Create(BatchDraft draft);

    /// <summary>Null when no such batch.</summary>
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<BatchView?> Get();

    /// <summary>Items <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> − 1, in submission order; null when no such batch.</summary>
    [Alias("ListItems"), ReadOnly, AlwaysInterleave]
    Task<BatchItemPage?> ListItems(int offset, int limit);

    /// <summary>
    /// The batch's events after <paramref name="afterSequence"/>, waiting up to <paramref name="wait"/> for one when there
    /// is none yet (a long poll: the call interleaves, so it holds nothing up). Null when no such batch.
    /// </summary>
    [Alias("WaitForEvents"), ReadOnly, AlwaysInterleave]
    Task<BatchEventPage?> WaitForEvents(long afterSequence, TimeSpan wait);

    /// <summary>A job of the batch changed status (from the jobs' observer). One-way; repeats are harmless.</summary>
    [Alias("ItemChanged"), OneWay]
    Task ItemChanged(string jobId, JobStatus status, JobError? error);

    /// <summary>Cancels every item not finished (the batch keeps at it until each has). Null when no such batch.</summary>
    [Alias("Cancel")]
    Task<BatchView?> Cancel();
}
