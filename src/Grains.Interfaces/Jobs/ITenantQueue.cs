namespace Actors.Jobs;

/// <summary>
/// A tenant's run queue, keyed by tenant id: admits jobs by priority (FIFO within one) while
/// fewer than the tenant's concurrency limit are running. It signals admitted jobs one-way and
/// never awaits a job, so job → queue calls cannot deadlock.
/// </summary>
[Alias("Actors.Jobs.ITenantQueue")]
public interface ITenantQueue : IGrainWithStringKey
{
    /// <summary>Enlists a job. Idempotent: a job already queued or running gets its current ticket.</summary>
    [Alias("Enqueue")]
    Task<QueueTicket> Enqueue(string jobId, JobPriority priority);

    /// <summary>Frees the job's run slot or drops it from the pending lists; admits the next jobs.</summary>
    [Alias("Release")]
    Task Release(string jobId);

    /// <summary>0 when running, the 1-based place among pending jobs when queued, null when unknown.</summary>
    [Alias("GetPosition"), ReadOnly]
    Task<int?> GetPosition(string jobId);

    [Alias("GetStats"), ReadOnly]
    Task<QueueStats> GetStats();
}
