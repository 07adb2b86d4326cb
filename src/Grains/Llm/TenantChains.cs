namespace Actors.Llm;

/// <summary>
/// A tenant's fallback chain ready to call: its own entries (keys unsealed in memory) when it set
/// any, else the node's global chain. Read-mostly, so each silo keeps a tenant's chain for a few
/// seconds instead of asking the tenant's grain on every narrative.
/// </summary>
public sealed class TenantChains(IGrainFactory grains, IOptions<LlmOptions> options, SecretBox secrets, TimeProvider time)
{
    private readonly RecentReads<TenantChain> _seen = new(TimeSpan.FromSeconds(2), time);

    public Task<TenantChain> ForAsync(string tenantId) =>
        _seen.GetAsync(tenantId, async () => Resolve(tenantId, await grains.GetGrain<ITenantProviders>(tenantId).Get()));

    /// <summary>Forgets a tenant's cached chain on this silo (after the tenant changed it here).</summary>
    public void Forget(string tenantId) => _seen.Forget(tenantId);

    /// <summary>
    /// The tenant's own chain with its own budget (the tenant pays), or the operator's global chain
    /// with the operator's budget: a tenant's <see cref="TenantLlmSettings.MonthlyBudgetUsd"/> may lower
    /// that one, never raise it.
    /// </summary>
    public TenantChain Resolve(string tenantId, TenantLlmSettings settings)
    {
        var global = options.Value;
        if (settings.Chain.Count > 0)
        {
            var own = settings.Chain.Select(e => new ProviderTarget(tenantId, tenantId, e.Name, e.Kind, e.Endpoint, e.Model,
                e.ApiKeyCipher is null ? null : secrets.Open(e.ApiKeyCipher, SecretOwner.ProviderKey(tenantId, e.Name)), new ProviderLimits(e.RequestsPerMinute, e.TokensPerMinute))).ToList();
            return new TenantChain(own, settings.MonthlyBudgetUsd ?? global.MonthlyBudgetUsd, "tenant");
        }
        return new TenantChain(Global(global, tenantId), Lower(settings.MonthlyBudgetUsd, global.MonthlyBudgetUsd), "global");
    }

    public static IReadOnlyList<ProviderTarget> Global(LlmOptions options, string tenantId) =>
        options.Chain.Where(options.Providers.ContainsKey).Select(name =>
        {
            var p = options.Providers[name];
            return new ProviderTarget(ProviderTarget.GlobalOwner, tenantId, name, p.Kind, p.Endpoint, p.Model, p.ApiKey,
                new ProviderLimits(p.RequestsPerMinute, p.TokensPerMinute));
        }).ToList();

    /// <summary>The lower of two budgets, where null is no limit.</summary>
    private static decimal? Lower(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}

/// <summary>The entries to try in order (the statistical engine follows them), the monthly budget, and where the chain came from.</summary>
public sealed record TenantChain(IReadOnlyList<ProviderTarget> Targets, decimal? MonthlyBudgetUsd, string Source);
