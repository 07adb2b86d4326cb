using Microsoft.Extensions.DependencyInjection;

namespace Actors.RateLimits;

/// <summary>
/// A token bucket held in memory. Not reentrant: each take runs alone, so the bucket is exact across
/// every API node calling it. Not persisted: a take is one in-memory step, and a bucket that comes
/// back full after a restart admits at most one extra burst (docs/rate-limits.md).
/// </summary>
public sealed class RateLimiterGrain([FromKeyedServices(RateLimiterGrain.ClockKey)] TimeProvider time) : Grain, IRateLimiter
{
    /// <summary>The keyed <see cref="TimeProvider"/> buckets read, so tests can stop the clock for buckets alone.</summary>
    public const string ClockKey = "rate-limits";

    private readonly TokenBucket _bucket = new();

    public Task<RateLimitDecision> Take(RateLimitRule rule) => Task.FromResult(_bucket.Take(rule, time.GetUtcNow()));

    public Task Refund(RateLimitRule rule)
    {
        _bucket.Refund(rule, time.GetUtcNow());
        return Task.CompletedTask;
    }
}
