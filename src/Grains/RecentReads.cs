using System.Collections.Concurrent;

namespace Actors;

/// <summary>
/// What this silo last read from a grain, per key, trusted for <c>freshness</c>: read-mostly values
/// (a tenant's settings, a provider's health) are then asked for about once per silo per period
/// instead of on every use.
/// </summary>
public sealed class RecentReads<T>(TimeSpan freshness, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset ReadAt)> _seen = new(StringComparer.Ordinal);

    /// <summary>The value read within the freshness period, else a new read (remembered).</summary>
    public async Task<T> GetAsync(string key, Func<Task<T>> read)
    {
        if (_seen.TryGetValue(key, out var seen) && seen.ReadAt + freshness > time.GetUtcNow())
        {
            return seen.Value;
        }
        var value = await read();
        Remember(key, value);
        return value;
    }

    /// <summary>The last value read, however old: for carrying on when the grain cannot be reached.</summary>
    public bool TryGetLast(string key, out T value)
    {
        var found = _seen.TryGetValue(key, out var seen);
        value = seen.Value;
        return found;
    }

    public void Remember(string key, T value) => _seen[key] = (value, time.GetUtcNow());

    public void Forget(string key) => _seen.TryRemove(key, out _);

    public IEnumerable<(string Key, T Value)> All() => _seen.Select(p => (p.Key, p.Value.Value)).ToList();
}
