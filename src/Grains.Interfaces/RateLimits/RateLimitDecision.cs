namespace Actors.RateLimits;

/// <summary>A bucket's answer to one take: the figures behind the <c>X-RateLimit-*</c> and <c>Retry-After</c> headers.</summary>
/// <param name="Admitted">Whether a token was taken.</param>
/// <param name="Limit">The bucket's capacity (requests per period).</param>
/// <param name="Remaining">Whole tokens left after this take.</param>
/// <param name="ResetAfter">Time until the bucket is full again.</param>
/// <param name="RetryAfter">Time until the next token, when refused; zero when admitted.</param>
[GenerateSerializer, Immutable, Alias("Actors.RateLimits.RateLimitDecision")]
public sealed record RateLimitDecision(
    [property: Id(0)] bool Admitted,
    [property: Id(1)] int Limit,
    [property: Id(2)] int Remaining,
    [property: Id(3)] TimeSpan ResetAfter,
    [property: Id(4)] TimeSpan RetryAfter);
