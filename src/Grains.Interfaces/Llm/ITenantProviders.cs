namespace Actors.Llm;

/// <summary>A tenant's LLM settings (its fallback chain, keys encrypted, and budget), keyed by tenant id.</summary>
[Alias("Actors.Llm.ITenantProviders")]
public interface ITenantProviders : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<TenantLlmSettings> Get();

    [Alias("Put")]
    Task Put(TenantLlmSettings settings);

    /// <summary>
    /// Replaces the settings with what the tenant wrote: new keys are sealed here, a kept key stays
    /// only while its entry's kind and endpoint are unchanged (else the change is refused, nothing stored).
    /// </summary>
    [Alias("Change")]
    Task<ProviderChainChangeOutcome> Change(ProviderChainChange change);
}
