using Actors.Jobs;

namespace Actors.Production.Tests.Storage;

/// <summary>Waits for a job to finish, bounded, with a message saying what was awaited (as in Grains.Tests).</summary>
public static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<JobSnapshot> Terminal(IAnalysisJob job)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var status = await job.GetStatus();
            if (status is not null && status.Status.IsTerminal())
            {
                return status;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {Timeout.TotalSeconds} s waiting for the job to reach a terminal status; last seen: {status}");
            }
            await Task.Delay(20);
        }
    }
}
