namespace Actors.Tenants;

/// <summary>
/// A tenant's limits. As a tenant's own overrides, null means "the global default". As effective
/// limits, null means "no limit" (only <see cref="MaxConcurrentJobs"/> is always set); an override
/// of 0 lifts a default limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Tenants.TenantLimits")]
public sealed record TenantLimits(
    [property: Id(0)] int? MaxConcurrentJobs = null,
    [property: Id(1)] long? MaxPayloadBytes = null,
    [property: Id(2)] int? JobsPerMonth = null,
    [property: Id(3)] int? RecordsPerJob = null,
    [property: Id(4)] IReadOnlyDictionary<string, int>? RequestsPerMinute = null)
{
    /// <summary>Rate-limit policy names, the keys of <see cref="RequestsPerMinute"/>.</summary>
    public const string SubmitPolicy = "submit";
    public const string ReadPolicy = "read";
    public const string AdminPolicy = "admin";

    public static readonly TenantLimits None = new();

    /// <summary>These overrides laid over <paramref name="defaults"/>: a set member wins, null inherits, 0 lifts the limit.</summary>
    public TenantLimits Over(TenantLimits defaults)
    {
        var rates = new Dictionary<string, int>(defaults.RequestsPerMinute ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        foreach (var (policy, perMinute) in RequestsPerMinute ?? new Dictionary<string, int>())
        {
            rates[policy] = perMinute;
        }
        return new TenantLimits(
            Math.Max(1, MaxConcurrentJobs ?? defaults.MaxConcurrentJobs ?? 1),
            Lifted(MaxPayloadBytes ?? defaults.MaxPayloadBytes),
            Lifted(JobsPerMonth ?? defaults.JobsPerMonth),
            Lifted(RecordsPerJob ?? defaults.RecordsPerJob),
            rates);
    }

    /// <summary>Later overrides on top of these: members <paramref name="change"/> sets replace, rates merge by policy.</summary>
    public TenantLimits With(TenantLimits change)
    {
        var rates = RequestsPerMinute is null && change.RequestsPerMinute is null
            ? null
            : new Dictionary<string, int>(RequestsPerMinute ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        foreach (var (policy, perMinute) in change.RequestsPerMinute ?? new Dictionary<string, int>())
        {
            rates![policy] = perMinute;
        }
        return new TenantLimits(
            change.MaxConcurrentJobs ?? MaxConcurrentJobs,
            change.MaxPayloadBytes ?? MaxPayloadBytes,
            change.JobsPerMonth ?? JobsPerMonth,
            change.RecordsPerJob ?? RecordsPerJob,
            rates);
    }

    private static int? Lifted(int? limit) => limit is null or <= 0 ? null : limit;

    private static long? Lifted(long? limit) => limit is null or <= 0 ? null : limit;
}
