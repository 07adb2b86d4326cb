namespace Actors.Grains.Tests;

/// <summary>A silo's memory of recent reads is bounded, whatever keys callers bring: stale entries go first, then the oldest reads.</summary>
public sealed class RecentReadsTests
{
    [Fact]
    public async Task Past_its_capacity_it_keeps_the_newest_reads_only()
    {
        var reads = new RecentReads<int>(TimeSpan.FromMinutes(1), TimeProvider.System, capacity: 10);

        for (var i = 0; i < 100; i++)
        {
            await reads.GetAsync($"tenant-{i}", () => Task.FromResult(i));
        }

        Assert.InRange(reads.Count, 1, 10);
        Assert.True(reads.TryGetLast("tenant-99", out var newest) && newest == 99, "the newest read was dropped");
        Assert.False(reads.TryGetLast("tenant-0", out _), "the oldest read was kept past the capacity");
    }
}
