namespace Actors.Tenants;

/// <summary>
/// A tenant's key index. Grants are written to the key's own grain before the index lists it, so a
/// listed key always works; revocation is written to the key's grain first, so a key the index shows
/// as revoked is refused (API nodes stop accepting it within their cache lifetime).
/// </summary>
public sealed class TenantKeysGrain(
    [PersistentState("tenant-keys", StorageNames.Grains)] IPersistentState<TenantKeysState> state,
    TimeProvider time,
    ILogger<TenantKeysGrain> logger) : Grain, ITenantKeys
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<ApiKeyListing?> Add(ApiKeyEntry key)
    {
        if (state.State.Keys.Find(k => k.Hash == key.Hash) is { } existing)
        {
            return await ListingOf(existing);
        }
        if (!MakeRoom())
        {
            return null;
        }
        await Grant(key);
        state.State.Keys.Add(key);
        await state.WriteStateAsync();
        logger.LogInformation("Tenant {TenantId} has a new API key {KeyId}", TenantId, key.KeyId);
        return await ListingOf(key);
    }

    public async Task<IReadOnlyList<ApiKeyListing>> List()
    {
        var listings = await Task.WhenAll(state.State.Keys.Select(ListingOf));
        return listings;
    }

    public async Task<ApiKeyListing?> Revoke(string keyId)
    {
        var index = state.State.Keys.FindIndex(k => k.KeyId == keyId);
        if (index < 0)
        {
            return null;
        }
        var entry = state.State.Keys[index];
        await GrainFactory.GetGrain<IApiKey>(entry.Hash).Revoke();
        if (!entry.Revoked)
        {
            entry = entry with { Revoked = true };
            state.State.Keys[index] = entry;
            await state.WriteStateAsync();
            logger.LogInformation("Tenant {TenantId} revoked API key {KeyId}", TenantId, entry.KeyId);
        }
        return await ListingOf(entry);
    }

    public async Task<ApiKeyListing?> Rotate(string keyId, ApiKeyEntry replacement, DateTimeOffset oldKeyExpiresAt)
    {
        var index = state.State.Keys.FindIndex(k => k.KeyId == keyId);
        if (index < 0 || !IsUsable(state.State.Keys[index]) || !MakeRoom())
        {
            return null;
        }
        // The new key works before the old one's end is set: no moment without a working key.
        await Grant(replacement);
        state.State.Keys.Add(replacement);
        index = state.State.Keys.FindIndex(k => k.KeyId == keyId);
        var old = state.State.Keys[index];
        var expired = await GrainFactory.GetGrain<IApiKey>(old.Hash).ExpireBy(oldKeyExpiresAt);
        state.State.Keys[index] = old with { ExpiresAt = expired?.ExpiresAt ?? oldKeyExpiresAt, ReplacedBy = replacement.KeyId };
        await state.WriteStateAsync();
        logger.LogInformation("Tenant {TenantId} rotated API key {KeyId} to {NewKeyId}; the old key ends at {ExpiresAt}",
            TenantId, keyId, replacement.KeyId, oldKeyExpiresAt);
        return await ListingOf(replacement);
    }

    private Task Grant(ApiKeyEntry key) =>
        GrainFactory.GetGrain<IApiKey>(key.Hash).Register(
            new ApiKeyInfo(TenantId, key.Name, key.Prefix, key.Scopes, key.CreatedAt, key.Revoked, key.ExpiresAt, key.KeyId));

    /// <summary>Frees a place when the index is full by dropping the oldest revoked or expired key; false when every key is live.</summary>
    private bool MakeRoom()
    {
        var keys = state.State.Keys;
        if (keys.Count < ITenantKeys.Capacity)
        {
            return true;
        }
        var dead = keys.FindIndex(k => !IsUsable(k));
        if (dead < 0)
        {
            return false;
        }
        keys.RemoveAt(dead);
        return true;
    }

    private bool IsUsable(ApiKeyEntry key) => !key.Revoked && (key.ExpiresAt is null || time.GetUtcNow() < key.ExpiresAt);

    private async Task<ApiKeyListing> ListingOf(ApiKeyEntry key)
    {
        var lastUsed = await GrainFactory.GetGrain<IApiKey>(key.Hash).GetLastUsed();
        return new ApiKeyListing(key.KeyId, key.Prefix, key.Name, key.Scopes, key.CreatedAt, key.ExpiresAt, key.Revoked, lastUsed, key.ReplacedBy);
    }
}
