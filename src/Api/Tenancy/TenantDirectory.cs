using Actors.Api.Auth;
using Actors.Tenants;

namespace Actors.Api.Tenancy;

/// <summary>
/// Tenants' status and effective limits for the request path, cached per node for
/// <see cref="AuthOptions.KeyCacheLifetime"/> like key grants: a suspension reaches every node within
/// that time, and the node that made it at once.
/// </summary>
public sealed class TenantDirectory(IClusterClient cluster, GrantCache cache, IOptions<AuthOptions> options)
{
    private readonly TimeSpan _lifetime = options.Value.BoundedKeyCacheLifetime;

    public async Task<TenantPolicy> GetAsync(string tenantId)
    {
        var cacheKey = CacheKey(tenantId);
        if (cache.TryGetValue(cacheKey, out TenantPolicy? cached) && cached is not null)
        {
            return cached;
        }
        var policy = await cluster.GetGrain<ITenant>(tenantId).GetPolicy();
        if (_lifetime > TimeSpan.Zero)
        {
            cache.Set(cacheKey, policy, _lifetime);
        }
        return policy;
    }

    public void Forget(string tenantId) => cache.Remove(CacheKey(tenantId));

    private static string CacheKey(string tenantId) => "tenant:" + tenantId;
}
