namespace Actors.Jobs;

/// <summary>
/// Where a tenant's job list lives when it must not be one grain's state: production keeps it in
/// PostgreSQL (<c>deploy/sql/0004_job_index.sql</c>), paginated by the database. The embedded
/// default registers none, and <see cref="TenantJobListGrain"/> keeps a capped list in its state.
/// </summary>
public interface IJobIndex
{
    /// <summary>Stores the snapshots; for each job an older snapshot (lower sequence) never replaces a newer one.</summary>
    Task SaveAsync(string tenantId, IReadOnlyCollection<JobSnapshot> jobs, CancellationToken cancellationToken = default);

    /// <summary>One page of the tenant's jobs, newest first.</summary>
    Task<JobPage> ListAsync(string tenantId, int page, int perPage, JobStatus? status, string? type, CancellationToken cancellationToken = default);

    /// <summary>Deletes the tenant's finished jobs last updated before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> ForgetFinishedBeforeAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
