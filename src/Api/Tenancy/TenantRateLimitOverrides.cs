using Actors.RateLimits;
using Actors.Tenants;

namespace Actors.Api.Tenancy;

/// <summary>
/// A tenant's own rate limits come from its Tenant grain: <c>requests_per_minute</c> by policy is the
/// tenant-wide total. The per-key limits, and tenants without their own numbers, keep the
/// configured ones (<c>Actors:RateLimits</c>). Read through <see cref="TenantDirectory"/>'s cache,
/// so the check costs no extra grain call on most requests.
/// </summary>
public sealed class TenantRateLimitOverrides(TenantDirectory tenants, ConfiguredRateLimitOverrides configured) : IRateLimitOverrides
{
    public async ValueTask<RateLimitOverride?> FindAsync(string tenantId, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        var fromConfiguration = await configured.FindAsync(tenantId, policy, cancellationToken);
        var tenant = await tenants.GetAsync(tenantId);
        var name = policy switch
        {
            RateLimitPolicy.Submit => TenantLimits.SubmitPolicy,
            RateLimitPolicy.Read => TenantLimits.ReadPolicy,
            _ => TenantLimits.AdminPolicy,
        };
        return tenant.Limits.RequestsPerMinute?.TryGetValue(name, out var perTenant) == true
            ? new RateLimitOverride(fromConfiguration?.PerKey, perTenant)
            : fromConfiguration;
    }
}
