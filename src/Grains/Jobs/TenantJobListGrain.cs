namespace Actors.Jobs;

/// <summary>
/// A tenant's jobs for listing, newest first: a read model of the job grains. Writes are batched on
/// a short timer rather than one per update, since a lost second of updates is repaired by the
/// jobs' next transitions. With an <see cref="IJobIndex"/> (production: PostgreSQL) the list lives
/// there, unbounded and paginated by the database, and this grain only buffers the next batch; the
/// embedded default keeps the newest <see cref="QueueOptions.JobListCapacity"/> jobs in its state.
/// </summary>
public sealed class TenantJobListGrain(
    [PersistentState("tenant-job-list", StorageNames.Grains)] IPersistentState<TenantJobListState> state,
    IEnumerable<IJobIndex> indexes,
    IEnumerable<IResultStore> resultStores,
    IOptions<QueueOptions> options,
    IOptions<JobOptions> jobOptions,
    TimeProvider time,
    ILogger<TenantJobListGrain> logger) : Grain, ITenantJobList
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetentionSweepEvery = TimeSpan.FromHours(1);

    private readonly IJobIndex? _index = indexes.LastOrDefault();
    private readonly IResultStore? _results = resultStores.LastOrDefault();
    private readonly int _capacity = Math.Max(1, options.Value.JobListCapacity);
    private readonly Dictionary<string, JobSnapshot> _pending = [];
    private IGrainTimer? _flush;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public Task Record(JobSnapshot job)
    {
        var jobs = _index is null ? state.State.Jobs : _pending;
        if (jobs.TryGetValue(job.JobId, out var known) && known.LastSequence > job.LastSequence)
        {
            return Task.CompletedTask;
        }
        jobs[job.JobId] = job;
        if (_index is null && jobs.Count > _capacity)
        {
            foreach (var oldest in jobs.Values.OrderBy(j => j.CreatedAt).Take(jobs.Count - _capacity).ToList())
            {
                jobs.Remove(oldest.JobId);
            }
        }
        ScheduleFlush(FlushDelay);
        return Task.CompletedTask;
    }

    public async Task<JobPage> List(int page, int perPage, JobStatus? status, string? type)
    {
        if (_index is not null)
        {
            // Read your writes: what this grain still buffers goes to the index first.
            await SaveBufferedAsync();
            return await _index.ListAsync(this.GetPrimaryKeyString(), page, perPage, status, type);
        }
        var matching = state.State.Jobs.Values
            .Where(j => status is null || j.Status == status)
            .Where(j => type is null || j.Type == type)
            .OrderByDescending(j => j.CreatedAt)
            .ThenBy(j => j.JobId, StringComparer.Ordinal)
            .ToList();
        var items = matching.Skip((page - 1) * perPage).Take(perPage).ToList();
        return new JobPage(items, page, perPage, matching.Count);
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

    private void ScheduleFlush(TimeSpan delay) =>
        _flush ??= this.RegisterGrainTimer(FlushOnTimerAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));

    private async Task FlushOnTimerAsync()
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Tenant job list {TenantId} could not save; retrying in {RetryDelay}", this.GetPrimaryKeyString(), RetryDelay);
            ScheduleFlush(RetryDelay);
        }
    }

    private async Task FlushAsync()
    {
        _flush?.Dispose();
        _flush = null;
        if (_index is null)
        {
            await state.WriteStateAsync();
            return;
        }
        await SaveBufferedAsync();
        await SweepAsync();
    }

    private async Task SaveBufferedAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var batch = _pending.Values.ToList();
        await _index!.SaveAsync(this.GetPrimaryKeyString(), batch);
        foreach (var saved in batch)
        {
            // A newer snapshot may have arrived while saving: it stays for the next batch.
            if (_pending.TryGetValue(saved.JobId, out var current) && ReferenceEquals(current, saved))
            {
                _pending.Remove(saved.JobId);
            }
        }
    }

    /// <summary>Finished jobs and stored reports older than their retention are deleted, at most once an hour per tenant.</summary>
    private async Task SweepAsync()
    {
        var now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + RetentionSweepEvery;
        var forgotten = await _index!.ForgetFinishedBeforeAsync(this.GetPrimaryKeyString(), now - options.Value.JobListRetention);
        // Reports stored by reference have their own retention; the tenant's sweep is a natural place for it.
        var expired = _results is null ? 0 : await _results.ForgetBeforeAsync(this.GetPrimaryKeyString(), now - jobOptions.Value.ResultRetention);
        if (forgotten > 0 || expired > 0)
        {
            logger.LogInformation("Tenant job list {TenantId} forgot {Count} finished jobs and {Reports} stored reports past retention",
                this.GetPrimaryKeyString(), forgotten, expired);
        }
    }
}
