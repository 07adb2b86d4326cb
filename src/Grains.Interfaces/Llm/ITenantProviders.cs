namespace Actors.Llm;

/// <summary>A tenant's LLM settings (its fallback chain, keys encrypted, and budget), keyed by tenant id.</summary>
[Alias("Actors.Llm.ITenantProviders")]
public interface ITenantProviders : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<TenantLlmSettings> Get();

    [Alias("Put")]
    Task Put(TenantLlmSettings settings);
}
