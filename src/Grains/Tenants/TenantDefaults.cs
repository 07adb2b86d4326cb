namespace Actors.Tenants;

/// <summary>
/// The limits and settings of every tenant that does not override them. Bound from
/// <c>Actors:Tenants:Defaults</c>; a tenant's own values (set through <c>/api/v1/tenants</c>) win.
/// </summary>
public sealed class TenantDefaults
{
    public const string Section = "Actors:Tenants:Defaults";

    /// <summary>Jobs of one tenant running at once; unset: <c>Actors:Queue:DefaultConcurrency</c> (4).</summary>
    public int? MaxConcurrentJobs { get; set; }

    /// <summary>Largest submission body; unset: only the node's <c>Actors:Api:MaxRequestBodyBytes</c> applies.</summary>
    public long? MaxPayloadBytes { get; set; }

    /// <summary>Jobs a tenant may submit per calendar month (UTC); 0 lifts the limit.</summary>
    public int? JobsPerMonth { get; set; } = 100_000;

    /// <summary>Records (rows) one job's data may hold; unset: no limit.</summary>
    public int? RecordsPerJob { get; set; } = 1_000_000;

    /// <summary>
    /// Requests per minute for the whole tenant by rate-limit policy (<c>submit</c>, <c>read</c>,
    /// <c>admin</c>); a policy left out keeps <c>Actors:RateLimits:{Policy}:PerTenant</c>.
    /// </summary>
    public Dictionary<string, int> RequestsPerMinute { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Free-form tenant settings (name → value) that tenants may override.</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    public TenantLimits Limits(int queueConcurrency) =>
        new(MaxConcurrentJobs ?? queueConcurrency, MaxPayloadBytes, JobsPerMonth, RecordsPerJob, RequestsPerMinute);
}
