namespace Actors.RateLimits;

/// <summary>Rate-limit defaults, bound from <c>Actors:RateLimits</c>. Figures are requests per minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Actors:RateLimits";

    /// <summary>Off: no bucket is asked and no rate-limit header is sent.</summary>
    public bool Enabled { get; set; } = true;

    public PolicyLimits Submit { get; set; } = new() { PerKey = 10, PerTenant = 100 };

    public PolicyLimits Read { get; set; } = new() { PerKey = 60, PerTenant = 600 };

    public PolicyLimits Admin { get; set; } = new() { PerKey = 30, PerTenant = 60 };

    /// <summary>Per-tenant overrides from configuration, by tenant id: <c>Actors:RateLimits:Tenants:{tenant}:Submit:PerKey</c>.</summary>
    public Dictionary<string, TenantLimits> Tenants { get; set; } = new(StringComparer.Ordinal);

    public RateLimitQuota DefaultsFor(RateLimitPolicy policy) => LimitsOf(this, policy) is { } limits
        ? new RateLimitQuota(limits.PerKey ?? 1, limits.PerTenant ?? 1)
        : throw new ArgumentOutOfRangeException(nameof(policy), policy, null);

    public RateLimitOverride? OverrideFor(string tenantId, RateLimitPolicy policy) =>
        Tenants.TryGetValue(tenantId, out var tenant) && tenant.For(policy) is { } limits
            ? new RateLimitOverride(limits.PerKey, limits.PerTenant)
            : null;

    private static PolicyLimits? LimitsOf(RateLimitOptions options, RateLimitPolicy policy) => policy switch
    {
        RateLimitPolicy.Submit => options.Submit,
        RateLimitPolicy.Read => options.Read,
        RateLimitPolicy.Admin => options.Admin,
        _ => null,
    };

    public sealed class PolicyLimits
    {
        public int? PerKey { get; set; }

        public int? PerTenant { get; set; }
    }

    public sealed class TenantLimits
    {
        public PolicyLimits? Submit { get; set; }

        public PolicyLimits? Read { get; set; }

        public PolicyLimits? Admin { get; set; }

        public PolicyLimits? For(RateLimitPolicy policy) => policy switch
        {
            RateLimitPolicy.Submit => Submit,
            RateLimitPolicy.Read => Read,
            RateLimitPolicy.Admin => Admin,
            _ => null,
        };
    }
}
