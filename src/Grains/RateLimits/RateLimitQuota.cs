namespace Actors.RateLimits;

/// <summary>Requests per minute of one policy: for each key (or JWT user) and for the tenant's keys together.</summary>
public sealed record RateLimitQuota(int PerKey, int PerTenant);
