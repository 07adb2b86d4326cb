namespace Actors.Jobs;

/// <summary>
/// A tenant's run queue. Admission order is high, normal, low, FIFO within a priority; at most
/// the concurrency limit of jobs hold a slot. Admitted jobs are signalled one-way
/// (<see cref="IAnalysisJob.Start"/>) so the queue never waits on a job; a lost signal is made
/// good by the job's watchdog, which enlists again and learns it was admitted.
/// </summary>
public sealed class TenantQueueGrain(
    [PersistentState("tenant-queue", StorageNames.Grains)] IPersistentState<TenantQueueState> state,
    IOptions<QueueOptions> options,
    ILogger<TenantQueueGrain> logger) : Grain, ITenantQueue
{
    // The tenant's limits: read from the tenant at activation, then pushed by it on change.
    private int _concurrencyLimit = Math.Max(1, options.Value.DefaultConcurrency);
    private bool _suspended;
    private readonly Actors.Observability.TenantQueueGauges _gauges = new();

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var policy = await GrainFactory.GetGrain<Actors.Tenants.ITenant>(TenantId).GetPolicy();
        _concurrencyLimit = Math.Max(1, policy.Limits.MaxConcurrentJobs ?? _concurrencyLimit);
        _suspended = policy.IsSuspended;
        // The depth and running gauges count what live activations hold: this one brings its lists along.
        _gauges.Report(state.State);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task Configure(int concurrencyLimit, bool suspended)
    {
        _concurrencyLimit = Math.Max(1, concurrencyLimit);
        _suspended = suspended;
        var admitted = Admit(except: null);
        if (admitted.Count == 0)
        {
            return;
        }
        _gauges.Report(state.State);
        await state.WriteStateAsync();
        Signal(admitted);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _gauges.Withdraw();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<QueueTicket> Enqueue(string jobId, JobPriority priority)
    {
        var queue = state.State;
        if (queue.Running.Contains(jobId))
        {
            return new QueueTicket(Admitted: true, Position: 0);
        }
        if (PositionOf(jobId) is { } existing)
        {
            return new QueueTicket(Admitted: false, existing);
        }

        queue.Pending(priority).Add(jobId);
        var admitted = Admit(except: jobId);
        _gauges.Report(queue);
        await state.WriteStateAsync();
        Signal(admitted);

        return queue.Running.Contains(jobId)
            ? new QueueTicket(Admitted: true, Position: 0)
            : new QueueTicket(Admitted: false, PositionOf(jobId) ?? 0);
    }

    public async Task Release(string jobId)
    {
        var queue = state.State;
        var removed = queue.Running.Remove(jobId);
        foreach (var pending in queue.PendingInOrder())
        {
            removed |= pending.Remove(jobId);
        }
        if (!removed)
        {
            return;
        }
        var admitted = Admit(except: null);
        _gauges.Report(queue);
        await state.WriteStateAsync();
        Signal(admitted);
    }

    public Task<int?> GetPosition(string jobId) =>
        Task.FromResult(state.State.Running.Contains(jobId) ? 0 : PositionOf(jobId));

    public Task<QueueStats> GetStats()
    {
        var queue = state.State;
        return Task.FromResult(new QueueStats(queue.Running.Count, queue.High.Count, queue.Normal.Count, queue.Low.Count,
            _concurrencyLimit, queue.Running.Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>Moves jobs from the pending lists into free slots; returns those to signal (not <paramref name="except"/>, which learns from its ticket).</summary>
    private List<string> Admit(string? except)
    {
        var queue = state.State;
        var toSignal = new List<string>();
        if (_suspended)
        {
            // A suspended tenant's jobs wait in their lists; resuming admits them.
            return toSignal;
        }
        foreach (var pending in queue.PendingInOrder())
        {
            while (pending.Count > 0 && queue.Running.Count < _concurrencyLimit)
            {
                var next = pending[0];
                pending.RemoveAt(0);
                queue.Running.Add(next);
                if (next != except)
                {
                    toSignal.Add(next);
                }
            }
        }
        return toSignal;
    }

    private void Signal(List<string> admitted)
    {
        foreach (var jobId in admitted)
        {
            logger.LogDebug("Tenant {TenantId} admits job {JobId}", TenantId, jobId);
            // One-way: returns at once, the queue does not wait on the job.
            _ = GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(TenantId, jobId)).Start();
        }
    }

    private int? PositionOf(string jobId)
    {
        var position = 0;
        foreach (var pending in state.State.PendingInOrder())
        {
            var index = pending.IndexOf(jobId);
            if (index >= 0)
            {
                return position + index + 1;
            }
            position += pending.Count;
        }
        return null;
    }
}
