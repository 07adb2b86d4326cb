namespace Actors.Jobs;

/// <summary>
/// Told about a job's transitions after they are persisted: metrics, webhooks. Called on the job's
/// grain scheduler, so an observer returns at once (counts, or a one-way grain call) and never
/// waits on the outside world; an observer that throws is logged and ignored.
/// </summary>
public interface IJobObserver
{
    /// <summary>The job was accepted as queued.</summary>
    void OnQueued(string tenantId, JobSnapshot job) { }

    /// <summary>The job took a run slot.</summary>
    void OnStarted(string tenantId, JobSnapshot job) { }

    /// <summary>The job took a run slot; <paramref name="request"/> says which batch it belongs to, if any.</summary>
    void OnStarted(string tenantId, JobSnapshot job, AnalysisRequest request) => OnStarted(tenantId, job);

    /// <summary>
    /// The job stopped at an approval step (<see cref="JobSnapshot.Approval"/>); <paramref name="request"/>
    /// carries its <c>callback_url</c>. At least once per step, like <see cref="OnFinished"/>.
    /// </summary>
    void OnAwaitingApproval(string tenantId, JobSnapshot job, AnalysisRequest request) { }

    /// <summary>
    /// The job completed, failed, was cancelled or rejected; <paramref name="request"/> carries its <c>callback_url</c>.
    /// At least once: after a failure between the terminal write and dropping the job's watchdog, the
    /// watchdog finishes the job again, so observers that act outside (webhooks) deduplicate by job.
    /// </summary>
    void OnFinished(string tenantId, JobSnapshot job, AnalysisRequest request) { }
}
