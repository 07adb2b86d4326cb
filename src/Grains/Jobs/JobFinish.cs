namespace Actors.Jobs;

/// <summary>
/// What follows a job's terminal state, safe to do again: its observers are told, the submitted data is
/// dropped or its erasing reminder set, the completion goes into the ledger and the tenant's job list,
/// the queue slot is given back, and then the watchdog is dropped.
/// </summary>
public sealed class JobFinish(JobJournal journal, JobNeighbours neighbours, RunLoop loop, KeptInput kept, JobRun run, string tenantId)
{
    /// <summary>
    /// The watchdog stays (the list's outbox) until all have succeeded: its next tick, wherever the job
    /// is then, runs this again.
    /// </summary>
    public async Task SettleAsync()
    {
        loop.Stop();
        var job = journal.Committed;
        neighbours.Notify(o => o.OnFinished(tenantId, journal.Snapshot(), job.Request!));
        run.ForgetInput();
        var dataSettled = await kept.SettleAsync(job);
        // Together: the tenant's next job need not wait for the ledger's commit or the list's.
        var recording = neighbours.RecordCompletionAsync(job);
        var listing = neighbours.RecordInJobListAsync(journal.Snapshot());
        var released = await neighbours.ReleaseQueueSlotAsync();
        if (await recording && await listing && released && dataSettled)
        {
            await loop.StopWatchingAsync();
        }
    }
}
