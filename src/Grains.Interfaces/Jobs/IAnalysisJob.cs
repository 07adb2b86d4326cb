namespace Actors.Jobs;

/// <summary>
/// One durable analysis job, keyed <c>{tenantId}/{jobId}</c> (see <see cref="JobKey"/>).
/// A job that was never submitted answers <c>null</c> to reads: the API turns that into 404.
/// </summary>
[Alias("Actors.Jobs.IAnalysisJob")]
public interface IAnalysisJob : IGrainWithStringKey
{
    /// <summary>Persists the job as queued and enlists it in its tenant's queue. Idempotent: a second call returns the existing job.</summary>
    [Alias("Submit"), ResponseTimeout(CallTimeouts.Storage)]
    Task<SubmitOutcome> Submit(AnalysisRequest request);

    /// <summary>
    /// <see cref="Submit"/> for an id the caller has just made: the job is not looked up in storage
    /// first, which saves a read on every submit. Should the id exist after all, the first write finds
    /// it and the call answers as <see cref="Submit"/> would.
    /// </summary>
    [Alias("SubmitNew"), ResponseTimeout(CallTimeouts.Storage)]
    Task<SubmitOutcome> SubmitNew(AnalysisRequest request);

    /// <summary>The tenant queue's signal that the job holds a run slot. One-way: the queue never waits on a job.</summary>
    [Alias("Start"), OneWay]
    Task Start();

    /// <summary>Cancels a queued, running or awaiting-approval job; a terminal job is returned unchanged.</summary>
    [Alias("Cancel"), AlwaysInterleave, ResponseTimeout(CallTimeouts.Storage)]
    Task<JobSnapshot?> Cancel();

    /// <summary>
    /// Decides the approval step the job waits at: approved, it queues for a run slot and goes on at the
    /// next step; rejected, it ends as rejected. Null when there is no job; not decided when it is not awaiting approval.
    /// </summary>
    [Alias("Decide"), ResponseTimeout(CallTimeouts.Storage)]
    Task<ApprovalOutcome?> Decide(ApprovalAnswer answer);

    [Alias("GetStatus"), AlwaysInterleave, ReadOnly, ResponseTimeout(CallTimeouts.Storage)]
    Task<JobSnapshot?> GetStatus();

    /// <summary>Buffered events with a sequence number greater than <paramref name="afterSequence"/>.</summary>
    [Alias("GetEvents"), AlwaysInterleave, ReadOnly, ResponseTimeout(CallTimeouts.Storage)]
    Task<JobEventPage?> GetEvents(long afterSequence);

    [Alias("GetResult"), AlwaysInterleave, ReadOnly, ResponseTimeout(CallTimeouts.Storage)]
    Task<JobResult?> GetResult();

    /// <summary>
    /// After a restore from backup, whose reminders are gone: holds the watchdog again and does what
    /// its tick does (a queued job enlists, a running one resumes, a finished one settles its finish).
    /// Idempotent; a job that was never submitted does nothing.
    /// </summary>
    [Alias("Recover")]
    Task Recover();

    /// <summary>
    /// The submitted data of a completed job while its input retention lasts (<c>Actors:Jobs:InputRetention</c>);
    /// without data once it is gone. Null when there is no job. The caller's tenant is in the key, so a
    /// job never hands out another tenant's data.
    /// </summary>
    [Alias("GetInput"), AlwaysInterleave, ReadOnly]
    Task<JobInput?> GetInput();
}
