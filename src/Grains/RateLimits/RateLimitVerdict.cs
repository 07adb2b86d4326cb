namespace Actors.RateLimits;

/// <summary>
/// The answer for one request: the decision of the bucket that binds (the one that refused, else the
/// one with fewer tokens left) and whose bucket that is.
/// </summary>
public sealed record RateLimitVerdict(RateLimitPolicy Policy, RateLimitScope Scope, RateLimitDecision Decision)
{
    public bool Admitted => Decision.Admitted;
}

/// <summary>Which bucket bound a request: the caller's own (API key or JWT user) or the tenant's total.</summary>
public enum RateLimitScope
{
    Key,
    Tenant,
}
