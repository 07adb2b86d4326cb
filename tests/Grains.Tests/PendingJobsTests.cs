using Actors.Jobs;

namespace Actors.Grains.Tests;

/// <summary>The tenant queue's waiting list: admission order, and positions as jobs come and go.</summary>
public sealed class PendingJobsTests
{
    [Fact]
    public void Positions_follow_priority_then_arrival_for_the_last_of_a_priority_and_for_jobs_before_it()
    {
        var pending = new PendingJobs();
        pending.Add("n1", JobPriority.Normal);
        pending.Add("l1", JobPriority.Low);
        pending.Add("n2", JobPriority.Normal);
        pending.Add("h1", JobPriority.High);
        pending.Add("n3", JobPriority.Normal);

        // Admission order: h1, n1, n2, n3, l1.
        Assert.Equal(1, pending.PositionOf("h1"));
        Assert.Equal(2, pending.PositionOf("n1"));
        Assert.Equal(3, pending.PositionOf("n2"));
        Assert.Equal(4, pending.PositionOf("n3"));
        Assert.Equal(5, pending.PositionOf("l1"));
        Assert.Null(pending.PositionOf("unknown"));

        Assert.True(pending.Remove("n3"));
        Assert.Equal(3, pending.PositionOf("n2"));
        Assert.Equal(4, pending.PositionOf("l1"));
        Assert.Equal("h1", pending.TakeNext());
        Assert.Equal(1, pending.PositionOf("n1"));
        Assert.Equal(2, pending.PositionOf("n2"));
        Assert.Equal(3, pending.PositionOf("l1"));
    }
}
