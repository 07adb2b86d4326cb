using System.Collections.Concurrent;

namespace Actors;

/// <summary>
/// What this silo last read from a grain, per key, trusted for <c>freshness</c>: read-mostly values
/// (a tenant's settings, a provider's health) are then asked for about once per silo per period
/// instead of on every use. Bounded: past <c>capacity</c> keys, the stale ones go, then the oldest reads,
/// so keys that callers choose (tenant ids) cannot grow it without end.
/// </summary>
public sealed class RecentReads<T>(TimeSpan freshness, TimeProvider time, int capacity = RecentReads<T>.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset ReadAt)> _seen = new(StringComparer.Ordinal);
    private readonly int _capacity = Math.Max(1, capacity);

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

    public void Remember(string key, T value)
    {
        var now = time.GetUtcNow();
        _seen[key] = (value, now);
        if (_seen.Count > _capacity)
        {
            Trim(now);
        }
    }

    public int Count => _seen.Count;

    // Rare (only past the capacity), so a sort of the entries is affordable; a tenth goes at once so it stays rare.
    private void Trim(DateTimeOffset now)
    {
        foreach (var stale in _seen.Where(p => p.Value.ReadAt + freshness <= now).Select(p => p.Key).ToList())
        {
            _seen.TryRemove(stale, out _);
        }
        var excess = _seen.Count - _capacity;
        if (excess > 0)
        {
            foreach (var oldest in _seen.OrderBy(p => p.Value.ReadAt).Take(excess + _capacity / 10).Select(p => p.Key).ToList())
            {
                _seen.TryRemove(oldest, out _);
            }
        }
    }

    public void Forget(string key) => _seen.TryRemove(key, out _);

    public IEnumerable<(string Key, T Value)> All() => _seen.Select(p => (p.Key, p.Value.Value)).ToList();
}
