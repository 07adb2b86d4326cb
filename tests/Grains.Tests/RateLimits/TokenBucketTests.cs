using Actors.RateLimits;

namespace Actors.Grains.Tests.RateLimits;

/// <summary>The bucket's arithmetic: burst, refill, and the figures behind the headers.</summary>
public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitRule TenPerMinute = RateLimitRule.PerMinute(10);

    [Fact]
    public void A_full_bucket_admits_its_limit_at_once_counting_down_then_refuses()
    {
        var bucket = new TokenBucket();
        var remaining = Enumerable.Range(0, 10).Select(_ => bucket.Take(TenPerMinute, Now)).ToList();

        Assert.All(remaining, d => Assert.True(d.Admitted));
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], remaining.Select(d => d.Remaining));
        Assert.All(remaining, d => Assert.Equal(10, d.Limit));

        var refused = bucket.Take(TenPerMinute, Now);
        Assert.False(refused.Admitted);
        Assert.Equal(0, refused.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(6), refused.RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.ResetAfter);
    }

    [Fact]
    public void Reset_is_the_time_until_the_bucket_is_full_again()
    {
        var bucket = new TokenBucket();
        Assert.Equal(TimeSpan.FromSeconds(6), bucket.Take(TenPerMinute, Now).ResetAfter);
        Assert.Equal(TimeSpan.FromSeconds(12), bucket.Take(TenPerMinute, Now).ResetAfter);
        Assert.Equal(TimeSpan.FromSeconds(14), bucket.Take(TenPerMinute, Now.AddSeconds(4)).ResetAfter);
        Assert.Equal(TimeSpan.Zero, bucket.Take(TenPerMinute, Now).RetryAfter);
    }

    [Fact]
    public void Tokens_come_back_one_per_interval()
    {
        var bucket = new TokenBucket();
        for (var i = 0; i < 10; i++)
        {
            bucket.Take(TenPerMinute, Now);
        }

        Assert.False(bucket.Take(TenPerMinute, Now.AddSeconds(5.9)).Admitted);
        var refused = bucket.Take(TenPerMinute, Now.AddSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);

        var refilled = bucket.Take(TenPerMinute, Now.AddSeconds(6));
        Assert.True(refilled.Admitted);
        Assert.Equal(0, refilled.Remaining);
        Assert.False(bucket.Take(TenPerMinute, Now.AddSeconds(6)).Admitted);

        var later = Now.AddSeconds(6 + 18);
        Assert.Equal(2, bucket.Take(TenPerMinute, later).Remaining);
    }

    [Fact]
    public void An_idle_bucket_fills_to_its_limit_and_no_further()
    {
        var bucket = new TokenBucket();
        bucket.Take(TenPerMinute, Now);
        var muchLater = Now.AddHours(3);

        var admitted = 0;
        while (bucket.Take(TenPerMinute, muchLater).Admitted)
        {
            admitted++;
        }
        Assert.Equal(10, admitted);
    }

    [Fact]
    public void A_refund_gives_back_exactly_one_token()
    {
        var bucket = new TokenBucket();
        for (var i = 0; i < 10; i++)
        {
            bucket.Take(TenPerMinute, Now);
        }
        bucket.Refund(TenPerMinute, Now);

        var again = bucket.Take(TenPerMinute, Now);
        Assert.True(again.Admitted);
        Assert.Equal(0, again.Remaining);
        Assert.False(bucket.Take(TenPerMinute, Now).Admitted);
    }

    [Fact]
    public void A_refund_never_fills_beyond_the_limit()
    {
        var bucket = new TokenBucket();
        bucket.Refund(TenPerMinute, Now);
        bucket.Refund(TenPerMinute, Now);

        var admitted = 0;
        while (bucket.Take(TenPerMinute, Now).Admitted)
        {
            admitted++;
        }
        Assert.Equal(10, admitted);
    }

    /// <summary>What a bucket owes is kept as refill time: an empty bucket stays empty and refills at the new rate.</summary>
    [Fact]
    public void A_changed_limit_applies_at_the_next_take()
    {
        var bucket = new TokenBucket();
        for (var i = 0; i < 10; i++)
        {
            bucket.Take(TenPerMinute, Now);
        }

        var raised = bucket.Take(RateLimitRule.PerMinute(20), Now);
        Assert.False(raised.Admitted);
        Assert.Equal(20, raised.Limit);
        Assert.Equal(TimeSpan.FromSeconds(3), raised.RetryAfter);

        var lowered = bucket.Take(RateLimitRule.PerMinute(2), Now);
        Assert.False(lowered.Admitted);
        Assert.Equal(TimeSpan.FromSeconds(30), lowered.RetryAfter);
        Assert.True(bucket.Take(RateLimitRule.PerMinute(2), Now.AddSeconds(30)).Admitted);
    }

    [Fact]
    public void Half_a_bucket_used_under_one_limit_is_half_a_bucket_under_another()
    {
        var bucket = new TokenBucket();
        for (var i = 0; i < 5; i++)
        {
            bucket.Take(TenPerMinute, Now);
        }

        var next = bucket.Take(RateLimitRule.PerMinute(20), Now);
        Assert.True(next.Admitted);
        Assert.Equal(9, next.Remaining);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_below_one_is_refused(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket().Take(RateLimitRule.PerMinute(limit), Now));
    }
}
