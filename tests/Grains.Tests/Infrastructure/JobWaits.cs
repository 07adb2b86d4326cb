namespace Actors.Grains.Tests.Infrastructure;

/// <summary>Bounded waits on a job's status, through the kit's <see cref="Eventually"/>.</summary>
public static class JobWaits
{
    public static async Task<JobSnapshot> Status(IAnalysisJob job, Func<JobSnapshot, bool> done, string awaited, TimeSpan? timeout = null) =>
        (await Eventually.Until(job.GetStatus, s => s is not null && done(s), awaited, timeout))!;

    public static Task<JobSnapshot> Terminal(IAnalysisJob job, TimeSpan? timeout = null) =>
        Status(job, s => s.Status.IsTerminal(), "the job to reach a terminal status", timeout);
}
