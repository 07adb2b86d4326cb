namespace Actors.Tenants;

/// <summary>
/// A tenant's usage in one calendar month (UTC), keyed <c>{tenantId}/{yyyy-MM}</c> (see <see cref="KeyFor"/>),
/// so each grain's state stays one small counter and months never pile up in one place.
/// </summary>
[Alias("Actors.Tenants.ITenantUsage")]
public interface ITenantUsage : IGrainWithStringKey
{
    /// <summary>Counts one submitted job unless <paramref name="limit"/> (null: none) is reached; returns whether it counted and the count.</summary>
    [Alias("TryCountJob"), ResponseTimeout(CallTimeouts.Storage)]
    Task<(bool Counted, int JobsSubmitted)> TryCountJob(int? limit);

    /// <summary>Counts <paramref name="count"/> jobs (a batch's items) unless they would pass <paramref name="limit"/>: all or none.</summary>
    [Alias("TryCountJobs"), ResponseTimeout(CallTimeouts.Storage)]
    Task<(bool Counted, int JobsSubmitted)> TryCountJobs(int count, int? limit);

    /// <summary>Takes back a count that did not become a new job (an idempotent retry).</summary>
    [Alias("Uncount"), ResponseTimeout(CallTimeouts.Storage)]
    Task Uncount();

    /// <summary>Takes back <paramref name="count"/> counts (a batch submitted again under its key).</summary>
    [Alias("UncountJobs"), ResponseTimeout(CallTimeouts.Storage)]
    Task UncountJobs(int count);

    [Alias("GetJobsSubmitted"), ReadOnly, ResponseTimeout(CallTimeouts.Storage)]
    Task<int> GetJobsSubmitted();

    public static string KeyFor(string tenantId, DateTimeOffset at) =>
        $"{tenantId}/{at.UtcDateTime:yyyy-MM}";
}
