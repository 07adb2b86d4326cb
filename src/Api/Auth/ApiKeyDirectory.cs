using Actors.Tenants;
using Microsoft.Extensions.Caching.Memory;

namespace Actors.Api.Auth;

/// <summary>
/// Resolves a presented API key to its grant. Grants are cached per node for a few seconds, so a
/// request does not cost a grain call while a revocation still takes effect within that time.
/// </summary>
public sealed class ApiKeyDirectory(IClusterClient cluster, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task<ApiKeyInfo?> FindAsync(string plaintext)
    {
        var hash = ApiKeyHash.Of(plaintext);
        if (cache.TryGetValue(hash, out ApiKeyInfo? cached))
        {
            return cached;
        }
        var info = await cluster.GetGrain<IApiKey>(hash).Get();
        cache.Set(hash, info, Lifetime);
        return info;
    }
}
