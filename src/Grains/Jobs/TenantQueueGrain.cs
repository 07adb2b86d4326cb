namespace Actors.Jobs;

/// <summary>
/// A tenant's run queue. Admission order is high, normal, low, FIFO within a priority; at most
/// the concurrency limit of jobs hold a slot. Admitted jobs are signalled one-way
/// (<see cref="IAnalysisJob.Start"/>) so the queue never waits on a job; a lost signal is made
/// good by the job's watchdog, which enlists again and learns it was admitted.
/// Only the slot holders are written (a handful of ids, when they change). The waiting jobs are
/// kept in memory: each is already stored as queued in its own state, so writing the whole list on
/// every change (O(n²) for n queued jobs) bought nothing. A new activation gets them back from the
/// tenant's job list, in order, and a job the list has not caught up with re-enlists on its watchdog.
/// </summary>
public sealed class TenantQueueGrain(
    [PersistentState("tenant-queue", StorageNames.Grains)] IPersistentState<TenantQueueState> state,
    IOptions<QueueOptions> options,
    ILogger<TenantQueueGrain> logger) : Grain, ITenantQueue
{
    private const int RebuildPageSize = 1000;

    // The tenant's limits: read from the tenant at activation, then pushed by it on change.
    private int _concurrencyLimit = Math.Max(1, options.Value.DefaultConcurrency);
    private bool _suspended;
    private readonly PendingJobs _pending = new();
    private readonly Actors.Observability.TenantQueueGauges _gauges = new();

    private string TenantId => this.GetPrimaryKeyString();

    private HashSet<string> Running => state.State.Running;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var policy = await GrainFactory.GetGrain<Actors.Tenants.ITenant>(TenantId).GetPolicy();
        _concurrencyLimit = Math.Max(1, policy.Limits.MaxConcurrentJobs ?? _concurrencyLimit);
        _suspended = policy.IsSuspended;
        await RebuildPendingAsync();
        // The depth and running gauges count what live activations hold: this one brings its jobs along.
        _gauges.Report(_pending, Running.Count);
        await base.OnActivateAsync(cancellationToken);
        // Jobs brought back may fit in free slots (the old activation died between admissions).
        await AdmitAsync(except: null);
    }

    public async Task Configure(int concurrencyLimit, bool suspended)
    {
        _concurrencyLimit = Math.Max(1, concurrencyLimit);
        _suspended = suspended;
        await AdmitAsync(except: null);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _gauges.Withdraw();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<QueueTicket> Enqueue(string jobId, JobPriority priority)
    {
        if (Running.Contains(jobId))
        {
            return new QueueTicket(Admitted: true, Position: 0);
        }
        // Already waiting is fine too (a watchdog's enlist, or the job list brought it back): slots may be free.
        _pending.Add(jobId, priority);
        await AdmitAsync(except: jobId);

        return Running.Contains(jobId)
            ? new QueueTicket(Admitted: true, Position: 0)
            : new QueueTicket(Admitted: false, _pending.PositionOf(jobId) ?? 0);
    }

    public async Task Release(string jobId)
    {
        if (_pending.Remove(jobId))
        {
            _gauges.Report(_pending, Running.Count);
            return;
        }
        if (!Running.Remove(jobId))
        {
            return;
        }
        try
        {
            await AdmitAsync(except: null, runningChanged: true);
        }
        catch
        {
            // Not written: the job still holds its slot in storage, and its watchdog releases it again.
            Running.Add(jobId);
            throw;
        }
    }

    public Task<int?> GetPosition(string jobId) =>
        Task.FromResult(Running.Contains(jobId) ? 0 : _pending.PositionOf(jobId));

    public Task<QueueStats> GetStats() =>
        Task.FromResult(new QueueStats(Running.Count, _pending.CountOf(JobPriority.High), _pending.CountOf(JobPriority.Normal),
            _pending.CountOf(JobPriority.Low), _concurrencyLimit, Running.Order(StringComparer.Ordinal).ToList()));

    /// <summary>
    /// Moves waiting jobs into free slots, writes the slot holders when they changed, then signals
    /// the admitted (not <paramref name="except"/>, which learns from its ticket). If the write
    /// fails, the admissions are undone and the jobs wait on.
    /// </summary>
    private async Task AdmitAsync(string? except, bool runningChanged = false)
    {
        var admitted = new List<(string JobId, JobPriority Priority)>();
        // A suspended tenant's jobs wait; resuming admits them.
        while (!_suspended && Running.Count < _concurrencyLimit && _pending.TakeNextWithPriority() is { } next)
        {
            Running.Add(next.JobId);
            admitted.Add(next);
        }
        if (admitted.Count > 0 || runningChanged)
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                foreach (var (jobId, priority) in Enumerable.Reverse(admitted))
                {
                    Running.Remove(jobId);
                    _pending.AddFirst(jobId, priority);
                }
                _gauges.Report(_pending, Running.Count);
                throw;
            }
        }
        _gauges.Report(_pending, Running.Count);
        foreach (var (jobId, _) in admitted)
        {
            if (jobId == except)
            {
                continue;
            }
            logger.LogDebug("Tenant {TenantId} admits job {JobId}", TenantId, jobId);
            // One-way: returns at once, the queue does not wait on the job.
            _ = GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(TenantId, jobId)).Start();
        }
    }

    /// <summary>
    /// The waiting jobs of a new activation: lists left by a queue written before waiting jobs were
    /// kept in memory, then the tenant's queued jobs from its job list, oldest first within a priority.
    /// </summary>
    private async Task RebuildPendingAsync()
    {
        var legacy = new[] { (state.State.High, JobPriority.High), (state.State.Normal, JobPriority.Normal), (state.State.Low, JobPriority.Low) };
        foreach (var (list, priority) in legacy)
        {
            foreach (var jobId in list.Where(id => !Running.Contains(id)))
            {
                _pending.Add(jobId, priority);
            }
            list.Clear();
        }
        var queued = new List<JobSnapshot>();
        try
        {
            var jobList = GrainFactory.GetGrain<ITenantJobList>(TenantId);
            for (var page = 1; ; page++)
            {
                var found = await jobList.List(page, RebuildPageSize, JobStatus.Queued, type: null);
                queued.AddRange(found.Items);
                if (found.Items.Count < RebuildPageSize)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            // The watchdogs of the queued jobs enlist them again within a period.
            logger.LogWarning(ex, "Tenant {TenantId} queue could not read its queued jobs from the job list; their watchdogs re-enlist them", TenantId);
        }
        foreach (var job in queued.OrderBy(j => j.CreatedAt).ThenBy(j => j.JobId, StringComparer.Ordinal))
        {
            if (!Running.Contains(job.JobId))
            {
                _pending.Add(job.JobId, job.Priority);
            }
        }
        if (_pending.Count > 0)
        {
            logger.LogInformation("Tenant {TenantId} queue activated with {Waiting} waiting job(s) and {Running} running", TenantId, _pending.Count, Running.Count);
        }
    }
}
