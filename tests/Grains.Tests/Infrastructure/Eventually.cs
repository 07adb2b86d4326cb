namespace Actors.Grains.Tests.Infrastructure;

/// <summary>Waits for a condition that other activations make true, with a bound and a message saying what was awaited.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string awaited, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting for {awaited}; last seen: {last}");
            }
            await Task.Yield();
            await Task.Delay(20);
        }
    }

    public static Task<JobSnapshot?> Status(IAnalysisJob job, Func<JobSnapshot, bool> done, string awaited, TimeSpan? timeout = null) =>
        Until(job.GetStatus, s => s is not null && done(s), awaited, timeout);

    public static Task<JobSnapshot?> Terminal(IAnalysisJob job, TimeSpan? timeout = null) =>
        Status(job, s => s.Status.IsTerminal(), "the job to reach a terminal status", timeout);

    /// <summary>Waits for a task another party completes, with a bound and a message.</summary>
    public static async Task Signal(Task task, string awaited, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {awaited}");
        }
    }
}
