using Actors.Tenants;

namespace Actors.Tenants;

/// <summary>An API key's grant, keyed by the SHA-256 of the plaintext (which is never stored).</summary>
public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Grains)] IPersistentState<ApiKeyState> state) : Grain, IApiKey
{
    public Task<ApiKeyInfo?> Get() => Task.FromResult(state.State.Info);

    public async Task Register(ApiKeyInfo info)
    {
        state.State = new ApiKeyState { Info = info };
        await state.WriteStateAsync();
    }
}
