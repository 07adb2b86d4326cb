namespace Actors.Jobs;

/// <summary>
/// A tenant's recent jobs, newest first, capped at <see cref="QueueOptions.JobListCapacity"/>.
/// It is a read model of the job grains: writes are batched on a short timer rather than one per
/// update, since a lost second of updates is repaired by the jobs' next transitions.
/// </summary>
public sealed class TenantJobListGrain(
    [PersistentState("tenant-job-list", StorageNames.Grains)] IPersistentState<TenantJobListState> state,
    IOptions<QueueOptions> options,
    ILogger<TenantJobListGrain> logger) : Grain, ITenantJobList
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);

    private readonly int _capacity = Math.Max(1, options.Value.JobListCapacity);
    private IGrainTimer? _flush;

    public Task Record(JobSnapshot job)
    {
        var jobs = state.State.Jobs;
        if (jobs.TryGetValue(job.JobId, out var known) && known.LastSequence > job.LastSequence)
        {
            return Task.CompletedTask;
        }
        jobs[job.JobId] = job;
        if (jobs.Count > _capacity)
        {
            foreach (var oldest in jobs.Values.OrderBy(j => j.CreatedAt).Take(jobs.Count - _capacity).ToList())
            {
                jobs.Remove(oldest.JobId);
            }
        }
        _flush ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FlushDelay, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task<JobPage> List(int page, int perPage, JobStatus? status, string? type)
    {
        var matching = state.State.Jobs.Values
            .Where(j => status is null || j.Status == status)
            .Where(j => type is null || j.Type == type)
            .OrderByDescending(j => j.CreatedAt)
            .ThenBy(j => j.JobId, StringComparer.Ordinal)
            .ToList();
        var items = matching.Skip((page - 1) * perPage).Take(perPage).ToList();
        return Task.FromResult(new JobPage(items, page, perPage, matching.Count));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_flush is null)
        {
            return;
        }
        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            // On a silo shutting down its storage may already be gone; the list is a read model the jobs rewrite.
            logger.LogDebug(ex, "Tenant job list {TenantId} could not flush on deactivation", this.GetPrimaryKeyString());
        }
    }

    private async Task FlushAsync()
    {
        _flush?.Dispose();
        _flush = null;
        await state.WriteStateAsync();
    }
}
