namespace Actors.RateLimits;

/// <summary><paramref name="Limit"/> requests per <paramref name="Period"/>: the bucket holds <paramref name="Limit"/> tokens and refills evenly over the period.</summary>
[GenerateSerializer, Immutable, Alias("Actors.RateLimits.RateLimitRule")]
public sealed record RateLimitRule(
    [property: Id(0)] int Limit,
    [property: Id(1)] TimeSpan Period)
{
    public static RateLimitRule PerMinute(int limit) => new(limit, TimeSpan.FromMinutes(1));
}
