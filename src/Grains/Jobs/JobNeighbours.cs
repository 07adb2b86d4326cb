namespace Actors.Jobs;

/// <summary>
/// What a job tells the grains and services beside it: its tenant's queue (enlist, release), job list
/// and completion ledger, its stored input, and its observers. None of them may fail the job: each
/// failure is logged and answered as false (or null), and the job's watchdog calls again.
/// </summary>
public sealed class JobNeighbours(
    string tenantId,
    string jobId,
    IGrainFactory grains,
    IEnumerable<IJobObserver> observers,
    ICompletionLedger ledger,
    ILogger logger)
{
    private readonly IJobObserver[] _observers = observers.ToArray();

    /// <summary>The job's data when it is too large for the job's own state.</summary>
    public IAnalysisJobInput Input => grains.GetGrain<IAnalysisJobInput>(JobKey.For(tenantId, jobId));

    private ITenantQueue TenantQueue => grains.GetGrain<ITenantQueue>(tenantId);

    /// <summary>The queue's ticket, or null when the queue could not be reached (the watchdog enlists the job later).</summary>
    public async Task<QueueTicket?> TryEnqueueAsync(JobPriority priority)
    {
        try
        {
            return await TenantQueue.Enqueue(jobId, priority);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not enlist in its queue; the watchdog retries", jobId, tenantId);
            return null;
        }
    }

    public async Task<bool> ReleaseQueueSlotAsync()
    {
        try
        {
            await TenantQueue.Release(jobId);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not release its queue slot; the watchdog retries", jobId, tenantId);
            return false;
        }
    }

    /// <summary>The ledger keys a completion by its persisted time, so recording the same completion again is a no-op.</summary>
    public async Task<bool> RecordCompletionAsync(AnalysisJobState job)
    {
        if (job is not { Status: JobStatus.Completed, CompletedAt: { } completedAt })
        {
            return true;
        }
        try
        {
            await ledger.RecordAsync(tenantId, jobId, completedAt);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not record its completion in the ledger; the watchdog retries", jobId, tenantId);
            return false;
        }
    }

    /// <summary>The submitted data of a job that keeps none (<see cref="KeptInput"/>) is not needed once it has ended; keeping it would grow storage without bound.</summary>
    public async Task DropDataAsync(AnalysisJobState job)
    {
        if (!job.InputStoredApart)
        {
            return;
        }
        try
        {
            await Input.Clear();
        }
        catch (Exception ex)
        {
            // Retried by the watchdog's next tick on this terminal job.
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not drop its data", jobId, tenantId);
        }
    }

    /// <summary>A terminal snapshot is answered once the list has saved it; false when the list could not be told.</summary>
    public async Task<bool> RecordInJobListAsync(JobSnapshot job)
    {
        try
        {
            await grains.GetGrain<ITenantJobList>(tenantId).Record(job);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not update the tenant's job list; a terminal state is retried by the watchdog", jobId, tenantId);
            return false;
        }
    }

    public void Notify(Action<IJobObserver> notify)
    {
        foreach (var observer in _observers)
        {
            try
            {
                notify(observer);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Observer {Observer} failed on job {JobId} of tenant {TenantId}", observer.GetType().Name, jobId, tenantId);
            }
        }
    }
}
