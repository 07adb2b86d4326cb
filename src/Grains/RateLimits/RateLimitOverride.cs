namespace Actors.RateLimits;

/// <summary>A tenant's override of a policy's quota; a null part keeps the default.</summary>
public sealed record RateLimitOverride(int? PerKey, int? PerTenant)
{
    public RateLimitQuota Over(RateLimitQuota defaults) => new(PerKey ?? defaults.PerKey, PerTenant ?? defaults.PerTenant);
}
