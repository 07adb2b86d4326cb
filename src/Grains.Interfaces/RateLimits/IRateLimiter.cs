namespace Actors.RateLimits;

/// <summary>
/// One token bucket, keyed <c>{tenant}/{policy}/{caller}</c> for a key (or user) and
/// <c>{tenant}/{policy}/tenant</c> for a tenant's total (see <see cref="RateLimiterKeys"/>).
/// Calls are not interleaved, so takes are serialised and the count is exact cluster-wide.
/// The bucket lives in memory: a reactivation (idle collection, a silo's death) starts it full.
/// </summary>
[Alias("Actors.RateLimits.IRateLimiter")]
public interface IRateLimiter : IGrainWithStringKey
{
    /// <summary>Takes one token if there is one. The rule travels with each call, so a changed limit applies at once.</summary>
    [Alias("Take"), ResponseTimeout(CallTimeouts.Instant)]
    Task<RateLimitDecision> Take(RateLimitRule rule);

    /// <summary>Gives back a token taken for a request that another bucket then refused.</summary>
    [Alias("Refund"), ResponseTimeout(CallTimeouts.Instant)]
    Task Refund(RateLimitRule rule);
}
