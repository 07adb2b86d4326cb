using Microsoft.Extensions.Caching.Memory;

namespace Actors.Api.Auth;

/// <summary>
/// The node's memory of key grants, unknown keys and tenants' policies, bounded to
/// <see cref="AuthOptions.CacheEntries"/> entries: a flood of distinct keys or tenant ids cannot grow it
/// past that: a full cache drops its least recently used tenth before it keeps a newcomer.
/// Its own cache, so the bound and the entry sizes apply to credentials only.
/// </summary>
public sealed class GrantCache(IOptions<AuthOptions> options) : IDisposable
{
    private const double CompactionShare = 0.1;
    private readonly int _limit = Math.Max(1, options.Value.CacheEntries);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.Value.CacheEntries),
        CompactionPercentage = CompactionShare,
    });

    public int Count => _cache.Count;

    public bool TryGetValue<T>(string key, out T? value) => _cache.TryGetValue(key, out value);

    public void Set<T>(string key, T value, TimeSpan lifetime)
    {
        if (_cache.Count >= _limit)
        {
            // MemoryCache refuses an entry past its size limit and compacts only in the background, so a
            // full cache would not keep the newcomer (an unknown key sent again would be looked up again).
            _cache.Compact(CompactionShare);
        }
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    public void Remove(string key) => _cache.Remove(key);

    public void Dispose() => _cache.Dispose();
}
