using Actors.Llm;

namespace Actors.Grains.Tests.Llm;

/// <summary>The breaker's and buckets' rules, on plain state with explicit times.</summary>
public sealed class ProviderBookTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BreakerOptions Options = new() { ConsecutiveFailures = 3, FailureRate = 0.5, MinimumCalls = 10, CoolDown = TimeSpan.FromSeconds(30) };

    private static ProviderOutcome Fail(TimeSpan? retryAfter = null) => new(false, "http_500: boom", retryAfter, 0, 0, ProviderLimits.None);

    private static ProviderOutcome Ok(long tokens = 0, ProviderLimits? limits = null) => new(true, null, null, tokens, 0, limits ?? ProviderLimits.None);

    [Fact]
    public void OpensAfterTheConfiguredConsecutiveFailuresAndNotBefore()
    {
        var book = new ProviderBook().Record(Fail(), T0, Options).Record(Fail(), T0, Options);
        Assert.Equal(BreakerState.Closed, book.StateAt(T0, Options));

        book = book.Record(Fail(), T0.AddSeconds(1), Options);

        var health = book.Health(T0.AddSeconds(1), Options);
        Assert.Equal(BreakerState.Open, health.State);
        Assert.Equal(T0.AddSeconds(31), health.RetryAt);
        Assert.Equal("http_500: boom", health.LastError);
        Assert.False(health.Accepts(T0.AddSeconds(1)));
    }

    [Fact]
    public void ASuccessResetsTheConsecutiveCount()
    {
        var book = new ProviderBook().Record(Fail(), T0, Options).Record(Fail(), T0, Options).Record(Ok(), T0, Options).Record(Fail(), T0, Options);

        Assert.Equal(BreakerState.Closed, book.StateAt(T0, Options));
        Assert.Equal(1, book.ConsecutiveFailures);
    }

    [Fact]
    public void OpensOnAFailureRateOverTheWindowOnceEnoughCallsWereMade()
    {
        var book = new ProviderBook();
        for (var i = 0; i < 5; i++)
        {
            book = book.Record(Ok(), T0.AddSeconds(i), Options).Record(Fail(), T0.AddSeconds(i), Options);
        }

        Assert.Equal(BreakerState.Open, book.StateAt(T0.AddSeconds(5), Options));
    }

    [Fact]
    public void HalfOpensAfterTheCoolDownGrantsOneProbeAndClosesOnItsSuccess()
    {
        var book = new ProviderBook().Record(Fail(), T0, Options).Record(Fail(), T0, Options).Record(Fail(), T0, Options);
        var later = T0.AddSeconds(31);
        Assert.Equal(BreakerState.Open, book.StateAt(T0.AddSeconds(29), Options));
        Assert.Equal(BreakerState.HalfOpen, book.StateAt(later, Options));

        var granted = book.TryGrantProbe(later, Options);
        Assert.NotNull(granted);
        Assert.Null(granted.TryGrantProbe(later, Options));

        var closed = granted.Record(Ok(), later, Options);
        Assert.Equal(BreakerState.Closed, closed.StateAt(later, Options));
        Assert.Equal(0, closed.ConsecutiveFailures);
    }

    [Fact]
    public void AFailedProbeOpensTheCircuitForAnotherCoolDown()
    {
        var book = new ProviderBook().Record(Fail(), T0, Options).Record(Fail(), T0, Options).Record(Fail(), T0, Options);
        var later = T0.AddSeconds(31);

        var reopened = book.TryGrantProbe(later, Options)!.Record(Fail(), later, Options);

        Assert.Equal(BreakerState.Open, reopened.StateAt(later, Options));
        Assert.Equal(later.AddSeconds(30), reopened.Health(later, Options).RetryAt);
    }

    [Fact]
    public void AFullMinuteBucketThrottlesUntilTheMinuteTurns()
    {
        var limits = new ProviderLimits(RequestsPerMinute: 2, TokensPerMinute: null);
        var book = new ProviderBook().Record(Ok(10, limits), T0, Options).Record(Ok(10, limits), T0.AddSeconds(5), Options);

        var health = book.Health(T0.AddSeconds(10), Options);
        Assert.Equal(2, health.RequestsThisMinute);
        Assert.Equal(20, health.TokensThisMinute);
        Assert.Equal(T0.AddMinutes(1), health.ThrottledUntil);
        Assert.False(health.Accepts(T0.AddSeconds(10)));
        Assert.True(book.Health(T0.AddMinutes(1), Options).Accepts(T0.AddMinutes(1)));
    }

    [Fact]
    public void RetryAfterThrottlesWithoutOpeningTheCircuit()
    {
        var book = new ProviderBook().Record(Fail(TimeSpan.FromSeconds(20)), T0, Options);

        var health = book.Health(T0, Options);
        Assert.Equal(BreakerState.Closed, health.State);
        Assert.Equal(T0.AddSeconds(20), health.ThrottledUntil);
    }
}
