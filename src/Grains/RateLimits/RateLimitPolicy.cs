namespace Actors.RateLimits;

/// <summary>What kind of request a bucket counts. Each has its own per-key and per-tenant limits.</summary>
public enum RateLimitPolicy
{
    /// <summary>Submitting and cancelling analyses.</summary>
    Submit,

    /// <summary>Reads: status, lists, results, opening an event stream.</summary>
    Read,

    /// <summary>Administration: agents, teams, webhooks, keys.</summary>
    Admin,
}

public static class RateLimitPolicies
{
    public static IReadOnlyList<RateLimitPolicy> All { get; } = [RateLimitPolicy.Submit, RateLimitPolicy.Read, RateLimitPolicy.Admin];

    /// <summary>The policy's name in grain keys, configuration and problem documents: <c>submit</c>, <c>read</c>, <c>admin</c>.</summary>
    public static string ToWire(this RateLimitPolicy policy) => policy switch
    {
        RateLimitPolicy.Submit => "submit",
        RateLimitPolicy.Read => "read",
        RateLimitPolicy.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };
}
