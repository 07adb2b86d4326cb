namespace Actors.Llm;

/// <summary>
/// This silo's view of every provider's health, at most <see cref="LlmOptions.HealthRefresh"/> old,
/// so the provider grains see about one read per silo per second instead of one per LLM call. A
/// breaker opened on another silo is therefore honoured here within that refresh. Outcomes are
/// reported without the caller waiting; the grain's answer updates this view when it arrives.
/// </summary>
public sealed class ProviderHealthCache(IGrainFactory grains, IOptions<LlmOptions> options, TimeProvider time, ILogger<ProviderHealthCache> logger)
{
    private readonly RecentReads<ProviderHealth> _seen = new(options.Value.HealthRefresh, time);

    public async Task<ProviderHealth> ReadAsync(string providerKey)
    {
        try
        {
            return await _seen.GetAsync(providerKey, () => grains.GetGrain<IProvider>(providerKey).GetHealth());
        }
        catch (Exception ex)
        {
            // The breaker's grain unreachable is no reason to refuse a provider: use the last view, or assume closed.
            logger.LogWarning(ex, "Provider {Provider} health could not be read; using the last known state", providerKey);
            return _seen.TryGetLast(providerKey, out var last) ? last : ProviderHealth.Unknown;
        }
    }

    /// <summary>
    /// The breakers this silo has read, for <c>actors.llm.breaker.open</c>: open unless closed. A global
    /// entry's per-tenant breakers read as one series, <c>global/{entry}/{model}</c>, open while any is.
    /// </summary>
    public IEnumerable<(string Provider, bool Open)> BreakerStates() =>
        _seen.All().Select(p => (MetricName(p.Key), p.Value.State != BreakerState.Closed)).ToList();

    private static string MetricName(string providerKey) =>
        providerKey.StartsWith(ProviderTarget.GlobalOwner + ":", StringComparison.Ordinal) && providerKey.IndexOf('/') is > 0 and var slash
            ? ProviderTarget.GlobalOwner + providerKey[slash..]
            : providerKey;

    /// <summary>Reports an outcome; the caller goes on at once.</summary>
    public void Report(string providerKey, ProviderOutcome outcome)
    {
        _ = ReportAsync(providerKey, outcome);
    }

    public Task<bool> TryStartProbeAsync(string providerKey) => grains.GetGrain<IProvider>(providerKey).TryStartProbe();

    private async Task ReportAsync(string providerKey, ProviderOutcome outcome)
    {
        try
        {
            var health = await grains.GetGrain<IProvider>(providerKey).Report(outcome);
            _seen.Remember(providerKey, health);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Provider {Provider} outcome could not be reported", providerKey);
        }
    }
}
