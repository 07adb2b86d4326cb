namespace Actors.Jobs;

/// <summary>
/// A tenant's recent jobs for listing, keyed by tenant id: a read model the jobs write to,
/// bounded to the newest entries (the jobs themselves are the source of truth).
/// </summary>
[Alias("Actors.Jobs.ITenantJobList")]
public interface ITenantJobList : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(JobSnapshot job);

    [Alias("List"), ReadOnly]
    Task<JobPage> List(int page, int perPage, JobStatus? status, string? type);
}
