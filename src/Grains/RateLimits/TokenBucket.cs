namespace Actors.RateLimits;

/// <summary>
/// A token bucket kept as one instant (the generic cell rate algorithm): <see cref="FullAt"/> is when
/// the bucket will hold all its tokens again. Each token stands for <c>Period / Limit</c> of refill
/// time, so a take moves <see cref="FullAt"/> forward by that much and the arithmetic is exact
/// integer ticks: no drift, no rounding between takes.
/// </summary>
public sealed class TokenBucket
{
    /// <summary>When the bucket is full again; at or before now means full.</summary>
    public DateTimeOffset FullAt { get; private set; } = DateTimeOffset.MinValue;

    public RateLimitDecision Take(RateLimitRule rule, DateTimeOffset now)
    {
        var (interval, window) = Measure(rule);
        var start = FullAt > now ? FullAt : now;
        if (start - now > window)
        {
            // The limit was lowered since the last take: owe at most one full bucket.
            start = now + window;
        }
        var next = start + interval;
        var owed = next - now;
        if (owed > window)
        {
            // Refused: the next token arrives once the debt shrinks back to one window.
            return new RateLimitDecision(false, rule.Limit, 0, start - now, owed - window);
        }
        FullAt = next;
        var remaining = (int)((window - owed).Ticks / interval.Ticks);
        return new RateLimitDecision(true, rule.Limit, remaining, owed, TimeSpan.Zero);
    }

    public void Refund(RateLimitRule rule, DateTimeOffset now)
    {
        var (interval, _) = Measure(rule);
        FullAt = FullAt - now > interval ? FullAt - interval : now;
    }

    /// <summary>The refill time of one token and of the whole bucket (Limit × interval, at most the period).</summary>
    private static (TimeSpan Interval, TimeSpan Window) Measure(RateLimitRule rule)
    {
        if (rule.Limit < 1 || rule.Period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "A rate limit needs a positive limit and period.");
        }
        var interval = TimeSpan.FromTicks(Math.Max(1, rule.Period.Ticks / rule.Limit));
        return (interval, interval * rule.Limit);
    }
}
