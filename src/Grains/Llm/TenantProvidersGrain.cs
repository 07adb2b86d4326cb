namespace Actors.Llm;

/// <summary>A tenant's LLM settings; the keys in them are already sealed by the API.</summary>
public sealed class TenantProvidersGrain(
    [PersistentState("tenant-providers", StorageNames.Grains)] IPersistentState<TenantLlmSettings> state) : Grain, ITenantProviders
{
    public Task<TenantLlmSettings> Get() => Task.FromResult(state.RecordExists ? state.State : TenantLlmSettings.None);

    public async Task Put(TenantLlmSettings settings)
    {
        state.State = settings;
        await state.WriteStateAsync();
    }
}
