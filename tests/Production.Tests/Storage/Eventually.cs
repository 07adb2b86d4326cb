using Actors.Jobs;

namespace Actors.Production.Tests.Storage;

/// <summary>Waits for a job to finish, bounded, with a message saying what was awaited (as in Grains.Tests).</summary>
public static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<JobSnapshot> Terminal(IAnalysisJob job) =>
        (await Poll.UntilAsync(job.GetStatus, s => s is not null && s.Status.IsTerminal(), Timeout, "the job to reach a terminal status"))!;
}
