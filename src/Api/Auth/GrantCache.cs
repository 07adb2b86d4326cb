using Microsoft.Extensions.Caching.Memory;

namespace Actors.Api.Auth;

/// <summary>
/// The node's memory of key grants, unknown keys and tenants' policies, bounded to
/// <see cref="AuthOptions.CacheEntries"/> entries: a flood of distinct keys or tenant ids cannot grow it
/// past that (an entry that does not fit is simply not kept; the next request asks the grain).
/// Its own cache, so the bound and the entry sizes apply to credentials only.
/// </summary>
public sealed class GrantCache(IOptions<AuthOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.Value.CacheEntries),
        // Past the limit, drop a tenth (the least recently used first) rather than refuse every newcomer.
        CompactionPercentage = 0.1,
    });

    public int Count => _cache.Count;

    public bool TryGetValue<T>(string key, out T? value) => _cache.TryGetValue(key, out value);

    public void Set<T>(string key, T value, TimeSpan lifetime) =>
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });

    public void Remove(string key) => _cache.Remove(key);

    public void Dispose() => _cache.Dispose();
}
