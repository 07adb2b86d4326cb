namespace Actors.Llm;

/// <summary>
/// What every silo needs to know about a provider before calling it: the breaker, the minute's
/// budget of requests and tokens, and the last error (a message, never a secret).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderHealth")]
public sealed record ProviderHealth(
    [property: Id(0)] BreakerState State,
    [property: Id(1)] int ConsecutiveFailures,
    [property: Id(2)] DateTimeOffset? OpenedAt,
    [property: Id(3)] DateTimeOffset? RetryAt,
    [property: Id(4)] string? LastError,
    [property: Id(5)] DateTimeOffset? LastErrorAt,
    [property: Id(6)] int RequestsThisMinute,
    [property: Id(7)] long TokensThisMinute,
    [property: Id(8)] ProviderLimits Limits,
    [property: Id(9)] DateTimeOffset? ThrottledUntil)
{
    public static readonly ProviderHealth Unknown = new(BreakerState.Closed, 0, null, null, null, null, 0, 0, ProviderLimits.None, null);

    /// <summary>True when a call may be made now (a half-open provider still needs its probe granted).</summary>
    public bool Accepts(DateTimeOffset now) =>
        State != BreakerState.Open && (ThrottledUntil is null || ThrottledUntil <= now);
}
