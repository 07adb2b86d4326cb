namespace Actors.RateLimits;

/// <summary>
/// Asks a request's two buckets, the caller's and the tenant's, at once (one grain-call round trip).
/// A request is admitted only when both admit; when one refuses, the token the other took is given
/// back, so a refused request costs neither bucket. Between the take and the refund another request
/// may see one token fewer than there is: the error is always towards refusing, never admitting more.
/// </summary>
public sealed class RateLimitGate(IGrainFactory grains, IOptionsMonitor<RateLimitOptions> options, IRateLimitOverrides overrides)
{
    public bool Enabled => options.CurrentValue.Enabled;

    /// <param name="caller">Who calls: <c>key:{key id}</c> or <c>user:{subject}</c>.</param>
    public async Task<RateLimitVerdict> CheckAsync(string tenantId, string caller, RateLimitPolicy policy, CancellationToken cancellationToken = default)
    {
        var quota = await QuotaAsync(tenantId, policy, cancellationToken);
        var policyName = policy.ToWire();
        var callerRule = RateLimitRule.PerMinute(quota.PerKey);
        var tenantRule = RateLimitRule.PerMinute(quota.PerTenant);
        var callerBucket = grains.GetGrain<IRateLimiter>(RateLimiterKeys.ForCaller(tenantId, policyName, caller));
        var tenantBucket = grains.GetGrain<IRateLimiter>(RateLimiterKeys.ForTenant(tenantId, policyName));

        var callerTake = callerBucket.Take(callerRule);
        var tenantTake = tenantBucket.Take(tenantRule);
        var byCaller = await callerTake;
        var byTenant = await tenantTake;

        if (byCaller.Admitted && !byTenant.Admitted)
        {
            await callerBucket.Refund(callerRule);
        }
        else if (!byCaller.Admitted && byTenant.Admitted)
        {
            await tenantBucket.Refund(tenantRule);
        }
        return Binding(policy, byCaller, byTenant);
    }

    /// <summary>The defaults of <paramref name="policy"/> with the tenant's override laid over them.</summary>
    public async ValueTask<RateLimitQuota> QuotaAsync(string tenantId, RateLimitPolicy policy, CancellationToken cancellationToken = default)
    {
        var defaults = options.CurrentValue.DefaultsFor(policy);
        var own = await overrides.FindAsync(tenantId, policy, cancellationToken);
        return own?.Over(defaults) ?? defaults;
    }

    private static RateLimitVerdict Binding(RateLimitPolicy policy, RateLimitDecision byCaller, RateLimitDecision byTenant)
    {
        if (!byCaller.Admitted || !byTenant.Admitted)
        {
            // Both refused: the later retry is the honest one.
            var tenantBinds = byCaller.Admitted || (!byTenant.Admitted && byTenant.RetryAfter > byCaller.RetryAfter);
            return tenantBinds ? new(policy, RateLimitScope.Tenant, byTenant) : new(policy, RateLimitScope.Key, byCaller);
        }
        return byTenant.Remaining < byCaller.Remaining
            ? new(policy, RateLimitScope.Tenant, byTenant)
            : new(policy, RateLimitScope.Key, byCaller);
    }
}
