namespace Actors.Jobs;

/// <summary>
/// A tenant's recent jobs for listing, keyed by tenant id: a read model the jobs write to,
/// bounded to the newest entries (the jobs themselves are the source of truth).
/// </summary>
[Alias("Actors.Jobs.ITenantJobList")]
public interface ITenantJobList : IGrainWithStringKey
{
    /// <summary>
    /// Takes a job's snapshot (a newer sequence wins). A terminal snapshot is answered once it is
    /// stored, so a job that hears back may stop retrying; earlier ones are batched.
    /// </summary>
    [Alias("Record"), ResponseTimeout(CallTimeouts.Storage)]
    Task Record(JobSnapshot job);

    [Alias("List"), ReadOnly, ResponseTimeout(CallTimeouts.Storage)]
    Task<JobPage> List(int page, int perPage, JobStatus? status, string? type);
}
