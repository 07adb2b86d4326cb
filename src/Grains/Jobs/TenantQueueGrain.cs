namespace Actors.Jobs;

/// <summary>
/// A tenant's run queue. Admission order is high, normal, low, FIFO within a priority; at most
/// the concurrency limit of jobs hold a slot. Admitted jobs are signalled one-way
/// (<see cref="IAnalysisJob.Start"/>) so the queue never waits on a job; a lost signal is made
/// good by the job's watchdog, which enlists again and learns it was admitted.
/// The queue writes nothing: every job is stored with its own status (queued, running) and tells
/// the tenant's job list, so the queue is an index of them kept in memory. Writing it on every change
/// cost a PostgreSQL write per job and, for its waiting list, O(n²) bytes for n queued jobs. A new
/// activation rebuilds itself from the job list: queued jobs wait in order, running ones hold their
/// slots and are signalled, so a job that has ended meanwhile hands its slot back. A job the list has
/// not caught up with enlists again on its watchdog.
/// </summary>
public sealed class TenantQueueGrain(
    IOptions<QueueOptions> options,
    LocalTenants local,
    ILogger<TenantQueueGrain> logger) : Grain, ITenantQueue
{
    private const int RebuildPageSize = 1000;

    // The tenant's limits: read from the tenant at activation, then pushed by it on change.
    private int _concurrencyLimit = Math.Max(1, options.Value.DefaultConcurrency);
    private bool _suspended;
    private readonly PendingJobs _pending = new();
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Actors.Observability.TenantQueueGauges _gauges = new();

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        local.Enter(TenantId);
        var policy = await GrainFactory.GetGrain<Actors.Tenants.ITenant>(TenantId).GetPolicy();
        _concurrencyLimit = Math.Max(1, policy.Limits.MaxConcurrentJobs ?? _concurrencyLimit);
        _suspended = policy.IsSuspended;
        var running = await RebuildAsync();
        // The depth and running gauges count what live activations hold: this one brings its jobs along.
        _gauges.Report(_pending, _running.Count);
        await base.OnActivateAsync(cancellationToken);
        // One-way, so no job is waited on during activation: a running job carries on (or is resumed),
        // one that has ended hands its slot back, one still queued starts.
        foreach (var jobId in running)
        {
            _ = GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(TenantId, jobId)).Start();
        }
        Admit(except: null);
    }

    public Task Configure(int concurrencyLimit, bool suspended)
    {
        _concurrencyLimit = Math.Max(1, concurrencyLimit);
        _suspended = suspended;
        Admit(except: null);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _gauges.Withdraw();
        local.Leave(TenantId);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<QueueTicket> Enqueue(string jobId, JobPriority priority)
    {
        if (_running.Contains(jobId))
        {
            return Task.FromResult(new QueueTicket(Admitted: true, Position: 0));
        }
        // Already waiting is fine too (a watchdog's enlist, or the job list brought it back): slots may be free.
        _pending.Add(jobId, priority);
        Admit(except: jobId);

        return Task.FromResult(_running.Contains(jobId)
            ? new QueueTicket(Admitted: true, Position: 0)
            : new QueueTicket(Admitted: false, _pending.PositionOf(jobId) ?? 0));
    }

    public Task Release(string jobId)
    {
        if (_pending.Remove(jobId))
        {
            _gauges.Report(_pending, _running.Count);
        }
        else if (_running.Remove(jobId))
        {
            Admit(except: null);
        }
        return Task.CompletedTask;
    }

    public Task Recheck()
    {
        foreach (var jobId in _running)
        {
            // One-way: a live job carries on, one whose activation died resumes on a live silo.
            _ = GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(TenantId, jobId)).Start();
        }
        return Task.CompletedTask;
    }

    public Task<int?> GetPosition(string jobId) =>
        Task.FromResult(_running.Contains(jobId) ? 0 : _pending.PositionOf(jobId));

    public Task<QueueStats> GetStats() =>
        Task.FromResult(new QueueStats(_running.Count, _pending.CountOf(JobPriority.High), _pending.CountOf(JobPriority.Normal),
            _pending.CountOf(JobPriority.Low), _concurrencyLimit, _running.Order(StringComparer.Ordinal).ToList()));

    /// <summary>Moves waiting jobs into free slots and signals them (not <paramref name="except"/>, which learns from its ticket).</summary>
    private void Admit(string? except)
    {
        var admitted = new List<string>();
        // A suspended tenant's jobs wait; resuming admits them.
        while (!_suspended && _running.Count < _concurrencyLimit && _pending.TakeNext() is { } next)
        {
            _running.Add(next);
            admitted.Add(next);
        }
        _gauges.Report(_pending, _running.Count);
        foreach (var jobId in admitted)
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
    /// A new activation's jobs, from the tenant's job list: queued ones wait, oldest first within a
    /// priority; running ones hold slots. Returns the running ones, to be signalled.
    /// </summary>
    private async Task<List<string>> RebuildAsync()
    {
        var queued = new List<JobSnapshot>();
        var running = new List<string>();
        try
        {
            var jobList = GrainFactory.GetGrain<ITenantJobList>(TenantId);
            queued = await AllAsync(jobList, JobStatus.Queued);
            running = (await AllAsync(jobList, JobStatus.Running)).Select(j => j.JobId).ToList();
        }
        catch (Exception ex)
        {
            // The watchdogs of the queued and running jobs enlist or resume them within a period.
            logger.LogWarning(ex, "Tenant {TenantId} queue could not read its jobs from the job list; their watchdogs enlist them again", TenantId);
        }
        foreach (var jobId in running)
        {
            _running.Add(jobId);
        }
        foreach (var job in queued.OrderBy(j => j.CreatedAt).ThenBy(j => j.JobId, StringComparer.Ordinal))
        {
            if (!_running.Contains(job.JobId))
            {
                _pending.Add(job.JobId, job.Priority);
            }
        }
        if (_pending.Count > 0 || _running.Count > 0)
        {
            logger.LogInformation("Tenant {TenantId} queue rebuilt with {Waiting} waiting and {Running} running job(s)", TenantId, _pending.Count, _running.Count);
        }
        return running;
    }

    private static async Task<List<JobSnapshot>> AllAsync(ITenantJobList jobList, JobStatus status)
    {
        var all = new List<JobSnapshot>();
        for (var page = 1; ; page++)
        {
            var found = await jobList.List(page, RebuildPageSize, status, type: null);
            all.AddRange(found.Items);
            if (found.Items.Count < RebuildPageSize)
            {
                return all;
            }
        }
    }
}
