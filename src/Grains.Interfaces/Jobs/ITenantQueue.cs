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
    [Alias("Enqueue"), ResponseTimeout(CallTimeouts.Quick)]
    Task<QueueTicket> Enqueue(string jobId, JobPriority priority);

    /// <summary>Frees the job's run slot or drops it from the pending lists; admits the next jobs.</summary>
    [Alias("Release"), ResponseTimeout(CallTimeouts.Quick)]
    Task Release(string jobId);

    /// <summary>0 when running, the 1-based place among pending jobs when queued, null when unknown.</summary>
    [Alias("GetPosition"), ReadOnly, ResponseTimeout(CallTimeouts.Quick)]
    Task<int?> GetPosition(string jobId);

    /// <summary>
    /// The tenant's concurrency limit and whether it is suspended (nothing is admitted while it is),
    /// pushed by the tenant when they change; admits what the new settings allow.
    /// </summary>
    [Alias("Configure")]
    Task Configure(int concurrencyLimit, bool suspended);

    [Alias("GetStats"), ReadOnly, ResponseTimeout(CallTimeouts.Quick)]
    Task<QueueStats> GetStats();

    /// <summary>
    /// A silo died: signals every running job again (one-way), so a job whose activation died with it
    /// resumes on another silo now rather than at its watchdog's next tick.
    /// </summary>
    [Alias("Recheck"), OneWay]
    Task Recheck();
}
