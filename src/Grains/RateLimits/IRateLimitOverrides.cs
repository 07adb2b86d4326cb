namespace Actors.RateLimits;

/// <summary>
/// A tenant's own rate limits, where it has any. The default reads <c>Actors:RateLimits:Tenants</c>;
/// a tenant registry (the Tenant grain's limits) can take its place. It is asked on every limited
/// request, so an implementation that calls a grain should cache its answers for a few seconds.
/// </summary>
public interface IRateLimitOverrides
{
    /// <returns>The tenant's override of <paramref name="policy"/>, or null for the defaults.</returns>
    ValueTask<RateLimitOverride?> FindAsync(string tenantId, RateLimitPolicy policy, CancellationToken cancellationToken);
}
