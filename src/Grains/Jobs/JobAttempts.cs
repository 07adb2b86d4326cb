namespace Actors.Jobs;

/// <summary>
/// How a running job's attempts are paced: the time left of its limit (waits for approval not counted),
/// the pause while storage is down (no attempt spent), and the next attempt after a transient failure.
/// </summary>
public sealed class JobAttempts(JobJournal journal, JobOptions options, TimeProvider time, string tenantId, string jobId, ILogger logger)
{
    private static readonly TimeSpan StoragePauseFirst = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StoragePauseLongest = TimeSpan.FromSeconds(30);

    /// <summary>What is left of <see cref="JobOptions.Timeout"/> since the job started, never below zero.</summary>
    public TimeSpan Remaining()
    {
        var now = time.GetUtcNow();
        var remaining = options.Timeout - (now - (journal.Current.StartedAt ?? now) - journal.Current.AwaitedApproval);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>
    /// Storage is down: not the job's fault, so no attempt is spent. The steps are checkpointed, so the
    /// loop waits (1 s doubling to 30 s) and carries on from the last committed one.
    /// </summary>
    public async Task<TimeSpan> PauseForStorageAsync(OrleansException ex, TimeSpan last, CancellationToken cancellationToken)
    {
        var pause = last == TimeSpan.Zero ? StoragePauseFirst : TimeSpan.FromTicks(Math.Min(last.Ticks * 2, StoragePauseLongest.Ticks));
        logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not save its state; retrying in {StoragePause}", jobId, tenantId, pause);
        await Task.Delay(pause, time, cancellationToken);
        return pause;
    }

    /// <summary>Counts the next attempt and says when it starts: <see cref="JobOptions.RetryBaseDelay"/> doubling per attempt.</summary>
    public async Task<TimeSpan> RetryLaterAsync(Exception ex)
    {
        var attempts = journal.Current.Attempts;
        var delay = options.RetryBaseDelay * Math.Pow(2, attempts - 1);
        logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} attempt {Attempt} failed transiently; retrying in {RetryDelay}",
            jobId, tenantId, attempts, delay);
        await journal.CommitAsync(
            s => s.Status != JobStatus.Running ? null : s with { Attempts = attempts + 1 },
            JobEventKind.Progress,
            $"attempt {attempts} failed ({ex.Message}); attempt {attempts + 1} in {delay.TotalSeconds:0.###} s");
        return delay;
    }
}
