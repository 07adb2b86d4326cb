using Actors.Jobs;

namespace Actors.Production.Tests.Storage;

/// <summary>Waits for a job to finish, through the kit's bounded <see cref="Eventually"/>.</summary>
public static class JobWaits
{
    public static async Task<JobSnapshot> Terminal(IAnalysisJob job) =>
        (await Eventually.Until(job.GetStatus, s => s is not null && s.Status.IsTerminal(), "the job to reach a terminal status"))!;
}
