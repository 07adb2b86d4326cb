namespace Actors.Jobs;

/// <summary>
/// Where reports larger than <see cref="JobOptions.InlineResultLimitBytes"/> are kept, so a job's
/// grain state stays small: production keeps them in PostgreSQL (<c>deploy/sql/0006_job_results.sql</c>)
/// for <see cref="JobOptions.ResultRetention"/>. The embedded default registers none and keeps every
/// report in the job's state.
/// </summary>
public interface IResultStore
{
    /// <summary>Stores the job's report; storing it again replaces it (a retried completion).</summary>
    Task SaveAsync(string tenantId, string jobId, string reportJson, DateTimeOffset completedAt, CancellationToken cancellationToken = default);

    /// <summary>The job's report, or null once retention has removed it.</summary>
    Task<string?> LoadAsync(string tenantId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the tenant's reports of jobs completed before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> ForgetBeforeAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
