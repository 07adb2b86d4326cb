namespace Actors.Grains.Tests.Llm;

/// <summary>
/// The system clock plus an offset a test moves forward, so a breaker's cool-down or a retention passes
/// without waiting for it. Not a FakeTimeProvider: this clock is the silo's own TimeProvider, and Orleans
/// runs its timers and reminders on it, which a stopped clock would stop.
/// </summary>
public sealed class ShiftableTime : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
