namespace Actors.RateLimits;

/// <summary>The keys of <see cref="IRateLimiter"/> grains: one bucket per caller and policy, one per tenant and policy, never one global.</summary>
public static class RateLimiterKeys
{
    /// <param name="caller">Who calls, as credentials name them: <c>key:{key id}</c> or <c>user:{subject}</c>.</param>
    public static string ForCaller(string tenantId, string policy, string caller) => $"{tenantId}/{policy}/{caller}";

    public static string ForTenant(string tenantId, string policy) => $"{tenantId}/{policy}/tenant";
}
