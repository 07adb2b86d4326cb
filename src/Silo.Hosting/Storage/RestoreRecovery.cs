using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Actors.Silo.Storage;

/// <summary>
/// After a restore from backup (<c>deploy/restore.sh</c>): the jobs that were queued or running when
/// the backup was taken are in the database, but their watchdog reminders were in Redis and are gone,
/// so nothing would wake them. Once this silo is active it asks each such job to re-arm its watchdog
/// and carry on (<see cref="Actors.Jobs.IAnalysisJob.Recover"/>, idempotent), then records the restore as
/// recovered for this service. Every silo that starts while that record is missing does the same, so a
/// silo that dies part-way leaves the work to the next; repeating a recovery costs calls, not jobs.
/// </summary>
public sealed class RestoreRecovery(PostgresRestores restores, IGrainFactory grains, ILogger<RestoreRecovery> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Parallelism = 16;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private Task _recovery = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RestoreRecovery), ServiceLifecycleStage.Active,
            _ =>
            {
                // Not awaited: the silo's start does not wait on thousands of jobs.
                _recovery = RecoverAsync(_stopping.Token);
                return Task.CompletedTask;
            },
            async _ =>
            {
                await _stopping.CancelAsync();
                await _recovery;
            });

    private async Task RecoverAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var pending = await restores.PendingAsync(stopping);
                if (pending.Count == 0)
                {
                    return;
                }
                var jobs = await restores.JobsInFlightAsync(Actors.Jobs.AnalysisJobGrain.StateName, stopping);
                logger.LogWarning("Restored from backup (restore {RestoreIds}): re-arming {JobCount} job(s) that were in flight at backup time",
                    string.Join(", ", pending), jobs.Count);
                await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stopping },
                    async (key, _) => await grains.GetGrain<Actors.Jobs.IAnalysisJob>(key).Recover());
                await restores.MarkRecoveredAsync(pending, jobs.Count, stopping);
                logger.LogWarning("Restore {RestoreIds} recovered: {JobCount} job(s) re-armed", string.Join(", ", pending), jobs.Count);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Recovery after a restore failed; trying again in {RetryPause}", RetryPause);
                try
                {
                    await Task.Delay(RetryPause, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
