namespace Actors.RateLimits;

/// <summary>Overrides from configuration (<c>Actors:RateLimits:Tenants:{tenant}:{Policy}:PerKey|PerTenant</c>).</summary>
public sealed class ConfiguredRateLimitOverrides(IOptionsMonitor<RateLimitOptions> options) : IRateLimitOverrides
{
    public ValueTask<RateLimitOverride?> FindAsync(string tenantId, RateLimitPolicy policy, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.CurrentValue.OverrideFor(tenantId, policy));
}
