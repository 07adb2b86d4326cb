namespace Actors.Llm;

/// <summary>
/// A provider's breaker and minute buckets as plain state with pure transitions, so the rules are
/// tested without a cluster. Closed → open after N consecutive failures or a failure rate over the
/// window; open → half-open once the cool-down has passed; half-open → closed on a successful probe,
/// open again on a failed one.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderBook")]
public sealed record ProviderBook
{
    [Id(0)] public BreakerState State { get; init; }
    [Id(1)] public int ConsecutiveFailures { get; init; }
    [Id(2)] public DateTimeOffset? OpenedAt { get; init; }
    [Id(3)] public string? LastError { get; init; }
    [Id(4)] public DateTimeOffset? LastErrorAt { get; init; }
    [Id(5)] public DateTimeOffset MinuteStart { get; init; }
    [Id(6)] public int RequestsThisMinute { get; init; }
    [Id(7)] public long TokensThisMinute { get; init; }
    [Id(8)] public ProviderLimits Limits { get; init; } = ProviderLimits.None;
    [Id(9)] public DateTimeOffset? ThrottledUntil { get; init; }
    [Id(10)] public IReadOnlyList<CallMark> Window { get; init; } = [];
    [Id(11)] public DateTimeOffset? ProbeGrantedAt { get; init; }

    public const int MaxWindowMarks = 500;

    /// <summary>The state as of <paramref name="now"/>: an open circuit whose cool-down has passed reads half-open.</summary>
    public BreakerState StateAt(DateTimeOffset now, BreakerOptions options) =>
        State == BreakerState.Open && OpenedAt + options.CoolDown <= now ? BreakerState.HalfOpen : State;

    public ProviderHealth Health(DateTimeOffset now, BreakerOptions options)
    {
        var state = StateAt(now, options);
        var (requests, tokens) = MinuteStart.AddMinutes(1) <= now ? (0, 0L) : (RequestsThisMinute, TokensThisMinute);
        var throttledUntil = ThrottledUntil > now ? ThrottledUntil : null;
        // A full bucket throttles until the minute turns, so silos skip the provider without asking.
        if (Limits.RequestsPerMinute is { } rpm && requests >= rpm || Limits.TokensPerMinute is { } tpm && tokens >= tpm)
        {
            var turn = MinuteStart.AddMinutes(1);
            throttledUntil = throttledUntil is null || turn > throttledUntil ? turn : throttledUntil;
        }
        return new ProviderHealth(state, ConsecutiveFailures, OpenedAt,
            state == BreakerState.Open ? OpenedAt + options.CoolDown : null,
            LastError, LastErrorAt, requests, tokens, Limits, throttledUntil);
    }

    public ProviderBook Record(ProviderOutcome outcome, DateTimeOffset now, BreakerOptions options)
    {
        var book = CountInMinute(outcome, now) with { Limits = outcome.Limits };
        var window = book.Window.Where(m => m.At > now - options.Window).TakeLast(MaxWindowMarks - 1)
            .Append(new CallMark(now, outcome.Succeeded)).ToList();
        book = book with { Window = window };
        if (outcome.RetryAfter is { } wait)
        {
            var until = now + wait;
            book = book with { ThrottledUntil = book.ThrottledUntil > until ? book.ThrottledUntil : until };
        }

        if (outcome.Succeeded)
        {
            // Any success closes a half-open circuit; a late success from before the circuit opened does not close it early.
            var state = book.StateAt(now, options) switch
            {
                BreakerState.Open => BreakerState.Open,
                _ => BreakerState.Closed,
            };
            return book with
            {
                State = state,
                ConsecutiveFailures = 0,
                OpenedAt = state == BreakerState.Open ? book.OpenedAt : null,
                ProbeGrantedAt = null,
            };
        }

        book = book with { ConsecutiveFailures = book.ConsecutiveFailures + 1, LastError = outcome.Error, LastErrorAt = now };
        var current = book.StateAt(now, options);
        var failures = window.Count(m => !m.Succeeded);
        var tripped = current == BreakerState.HalfOpen
            || book.ConsecutiveFailures >= options.ConsecutiveFailures
            || window.Count >= options.MinimumCalls && failures >= options.FailureRate * window.Count;
        if (tripped && current != BreakerState.Open)
        {
            return book with { State = BreakerState.Open, OpenedAt = now, ProbeGrantedAt = null };
        }
        return book;
    }

    /// <summary>Grants the half-open probe when none is out (or the one out has outlived its lease).</summary>
    public ProviderBook? TryGrantProbe(DateTimeOffset now, BreakerOptions options)
    {
        if (StateAt(now, options) != BreakerState.HalfOpen)
        {
            return StateAt(now, options) == BreakerState.Closed ? this : null;
        }
        if (ProbeGrantedAt is { } granted && granted + options.ProbeLease > now)
        {
            return null;
        }
        return this with { ProbeGrantedAt = now };
    }

    private ProviderBook CountInMinute(ProviderOutcome outcome, DateTimeOffset now)
    {
        var tokens = outcome.InputTokens + outcome.OutputTokens;
        return MinuteStart.AddMinutes(1) <= now
            ? this with { MinuteStart = now, RequestsThisMinute = 1, TokensThisMinute = tokens }
            : this with { RequestsThisMinute = RequestsThisMinute + 1, TokensThisMinute = TokensThisMinute + tokens };
    }
}

/// <summary>One call in the failure-rate window.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.CallMark")]
public sealed record CallMark([property: Id(0)] DateTimeOffset At, [property: Id(1)] bool Succeeded);
