using Actors.Api.Auth;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Hostile;

public sealed class GrantCacheTests
{
    [Fact]
    public void A_full_cache_keeps_a_newcomer_and_stays_within_its_bound()
    {
        using var cache = new GrantCache(Options.Create(new AuthOptions { CacheEntries = 20 }));
        for (var i = 0; i < 20; i++)
        {
            cache.Set($"old-{i}", i, TimeSpan.FromMinutes(1));
        }

        cache.Set("newcomer", 99, TimeSpan.FromMinutes(1));

        Assert.True(cache.TryGetValue<int>("newcomer", out var value), "a full cache did not keep the newest entry");
        Assert.Equal(99, value);
        Assert.InRange(cache.Count, 1, 20);
    }
}
