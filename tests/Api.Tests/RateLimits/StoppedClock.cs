namespace Actors.Api.Tests.RateLimits;

/// <summary>A clock that moves only when told: the node's buckets read it, so refills happen exactly when a test says.</summary>
public sealed class StoppedClock : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
