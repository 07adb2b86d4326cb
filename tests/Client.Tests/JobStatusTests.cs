namespace Actors.Client.Tests;

/// <summary>The client ends a wait or a stream on the same statuses and events the server calls final.</summary>
public sealed class JobStatusTests
{
    [Fact]
    public void A_rejected_job_is_final_and_one_awaiting_approval_is_not()
    {
        Assert.True(JobStatus.Rejected.IsTerminal());
        Assert.True(JobEventKind.Rejected.IsTerminal());
        Assert.False(JobStatus.AwaitingApproval.IsTerminal());
        Assert.False(JobEventKind.ApprovalRequested.IsTerminal());
        Assert.False(JobEventKind.Approved.IsTerminal());
    }

    [Theory]
    [InlineData("approval_requested", JobEventKind.ApprovalRequested)]
    [InlineData("approved", JobEventKind.Approved)]
    [InlineData("rejected", JobEventKind.Rejected)]
    public void Approval_events_are_known_kinds(string name, JobEventKind kind) =>
        Assert.Equal(kind, new JobEvent("job-1", 1, name, JobStatus.Unknown, 0, null, null, null, DateTimeOffset.UnixEpoch).Kind);
}
