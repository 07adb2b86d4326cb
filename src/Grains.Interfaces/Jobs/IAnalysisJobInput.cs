namespace Actors.Jobs;

/// <summary>
/// A job's submitted data when it is too large to ride in the job's own state, keyed like the job
/// (<c>{tenantId}/{jobId}</c>). Written once at submit, read when the job runs and by questions about a completed
/// job, cleared when the job ends or, for a completed job, when its input retention has passed.
/// A grain of its own so that a job with small data never reads it.
/// </summary>
[Alias("Actors.Jobs.IAnalysisJobInput")]
public interface IAnalysisJobInput : IGrainWithStringKey
{
    [Alias("Save")]
    Task Save(string? recordsJson, string? csv);

    [Alias("Get"), ReadOnly]
    Task<(string? RecordsJson, string? Csv)> Get();

    [Alias("Clear")]
    Task Clear();
}
