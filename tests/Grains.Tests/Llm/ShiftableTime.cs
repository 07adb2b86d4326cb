namespace Actors.Grains.Tests.Llm;

/// <summary>The system clock plus an offset a test moves forward, so a breaker's cool-down passes without waiting for it.</summary>
public sealed class ShiftableTime : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
