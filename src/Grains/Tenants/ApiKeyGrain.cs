namespace Actors.Tenants;

/// <summary>An API key's grant, keyed by the SHA-256 of the plaintext (which is never stored).</summary>
public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Grains)] IPersistentState<ApiKeyState> state) : Grain, IApiKey
{
    // Last use is worth knowing to the minute, not worth a storage write per request.
    private static readonly TimeSpan LastUsedPersistInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _lastUsedAt;

    public Task<ApiKeyInfo?> Get()
    {
        if (state.State.Info is null)
        {
            // A guessed or wrong key: answer and go, rather than keep an activation per guess in memory.
            this.DeactivateOnIdle();
        }
        return Task.FromResult(state.State.Info);
    }

    public async Task Register(ApiKeyInfo info)
    {
        state.State = state.State with { Info = info };
        await state.WriteStateAsync();
    }

    public async Task<ApiKeyInfo?> Revoke()
    {
        if (state.State.Info is not { } info)
        {
            return null;
        }
        if (!info.Revoked)
        {
            state.State = state.State with { Info = info with { Revoked = true } };
            await state.WriteStateAsync();
        }
        return state.State.Info;
    }

    public async Task<ApiKeyInfo?> ExpireBy(DateTimeOffset at)
    {
        if (state.State.Info is not { } info)
        {
            return null;
        }
        if (info.ExpiresAt is null || at < info.ExpiresAt)
        {
            state.State = state.State with { Info = info with { ExpiresAt = at } };
            await state.WriteStateAsync();
        }
        return state.State.Info;
    }

    public async Task RecordUse(DateTimeOffset at)
    {
        if (state.State.Info is null || (_lastUsedAt ?? state.State.LastUsedAt) >= at)
        {
            return;
        }
        _lastUsedAt = at;
        if (state.State.LastUsedAt is null || at - state.State.LastUsedAt >= LastUsedPersistInterval)
        {
            state.State = state.State with { LastUsedAt = at };
            await state.WriteStateAsync();
        }
    }

    public Task<DateTimeOffset?> GetLastUsed() => Task.FromResult(_lastUsedAt ?? state.State.LastUsedAt);
}
