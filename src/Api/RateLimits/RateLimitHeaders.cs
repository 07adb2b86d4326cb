using System.Globalization;
using Actors.RateLimits;

namespace Actors.Api.RateLimits;

/// <summary>The rate-limit headers of a limited response. Times are whole seconds, rounded up, counted from now.</summary>
public static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string Reset = "X-RateLimit-Reset";
    public const string RetryAfter = "Retry-After";

    public static void Write(HttpResponse response, RateLimitDecision decision)
    {
        var headers = response.Headers;
        headers[Limit] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[Reset] = Seconds(decision.ResetAfter).ToString(CultureInfo.InvariantCulture);
        if (!decision.Admitted)
        {
            headers[RetryAfter] = RetryAfterSeconds(decision).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>At least one second: Retry-After: 0 would invite an immediate, refused retry.</summary>
    public static long RetryAfterSeconds(RateLimitDecision decision) => Math.Max(1, Seconds(decision.RetryAfter));

    private static long Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(span.TotalSeconds);
}
