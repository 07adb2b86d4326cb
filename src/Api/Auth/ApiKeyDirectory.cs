using Actors.Tenants;

namespace Actors.Api.Auth;

/// <summary>
/// Resolves a presented API key to its grant. Grants are cached per node for
/// <see cref="AuthOptions.KeyCacheLifetime"/> (5 s by default, 30 s at most), so a request does not
/// cost a grain call while a revocation still takes effect on every node within that time; the node
/// that revokes forgets the grant at once. Expiry is checked on every request against the cached grant.
/// An unknown key is remembered as unknown for <see cref="AuthOptions.UnknownKeyCacheLifetime"/>; the
/// cache is bounded (<see cref="GrantCache"/>), so a flood of random keys cannot grow it.
/// </summary>
public sealed class ApiKeyDirectory(IClusterClient cluster, GrantCache cache, IOptions<AuthOptions> options, TimeProvider time, KeyUsage usage)
{
    private readonly TimeSpan _lifetime = options.Value.BoundedKeyCacheLifetime;
    private readonly TimeSpan _unknownLifetime = options.Value.UnknownKeyCacheLifetime;

    public Task<ApiKeyInfo?> FindAsync(string plaintext) => FindByHashAsync(ApiKeyHash.Of(plaintext));

    /// <summary>The grant of the key whose SHA-256 is <paramref name="hash"/> (the console's sessions keep only that).</summary>
    public async Task<ApiKeyInfo?> FindByHashAsync(string hash)
    {
        var cacheKey = CacheKey(hash);
        if (cache.TryGetValue(cacheKey, out ApiKeyInfo? cached))
        {
            return cached;
        }
        var info = await cluster.GetGrain<IApiKey>(hash).Get();
        // Grants made before keys had ids get one from their hash, so every key has a name that is not its start.
        info = info is { KeyId: null } ? info with { KeyId = "key_" + hash[..16] } : info;
        if (info is null)
        {
            if (_unknownLifetime > TimeSpan.Zero)
            {
                cache.Set<ApiKeyInfo?>(cacheKey, null, _unknownLifetime);
            }
        }
        else if (_lifetime > TimeSpan.Zero)
        {
            cache.Set(cacheKey, info, _lifetime);
            cache.Set(IdCacheKey(info.KeyId!), hash, _lifetime);
        }
        return info;
    }

    /// <summary>The key's grant when it may be used now (known, not revoked, not expired), noting its use; else null.</summary>
    public Task<ApiKeyInfo?> FindUsableAsync(string plaintext) => FindUsableByHashAsync(ApiKeyHash.Of(plaintext));

    /// <summary>As <see cref="FindUsableAsync"/>, by the key's SHA-256.</summary>
    public async Task<ApiKeyInfo?> FindUsableByHashAsync(string hash)
    {
        var grant = await FindByHashAsync(hash);
        if (grant is null || !grant.IsUsableAt(time.GetUtcNow()))
        {
            return null;
        }
        usage.Record(hash);
        return grant;
    }

    /// <summary>Drops the cached grant of a key by its id (after this node revoked or rotated it), so this node refuses it at once.</summary>
    public void Forget(string keyId)
    {
        if (cache.TryGetValue(IdCacheKey(keyId), out string? hash) && hash is not null)
        {
            cache.Remove(CacheKey(hash));
        }
        cache.Remove(IdCacheKey(keyId));
    }

    private static string CacheKey(string hash) => "api-key:" + hash;

    private static string IdCacheKey(string keyId) => "api-key-id:" + keyId;
}
