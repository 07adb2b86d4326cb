namespace Actors.Tenants;

/// <summary>
/// A tenant: name, status, limits and settings over the global defaults. A change of status or of
/// the concurrency limit is pushed to the tenant's queue before the call returns, so a resumed
/// tenant's queued jobs start at once and a suspended tenant's do not start.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Grains)] IPersistentState<TenantState> state,
    IOptions<TenantDefaults> defaults,
    IOptions<QueueOptions> queue,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenant
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantRecord?> Create(string name, TenantStatus status, TenantLimits limits, IReadOnlyDictionary<string, string> settings)
    {
        if (state.State.Record is not null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        state.State = new TenantState { Record = new TenantRecord(TenantId, name, status, limits, settings, now, now) };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantRegistry>(ITenantRegistry.Key).Add(TenantId);
        logger.LogInformation("Tenant {TenantId} created, status {TenantStatus}", TenantId, status.ToWire());
        await PushToQueueAsync();
        return state.State.Record;
    }

    public async Task<TenantRecord> Ensure(string name) =>
        state.State.Record ?? await Create(name, TenantStatus.Active, TenantLimits.None, new Dictionary<string, string>())
            ?? state.State.Record!;

    public Task<TenantRecord?> Get() => Task.FromResult(state.State.Record);

    public Task<TenantPolicy> GetPolicy() => Task.FromResult(Policy());

    public async Task<TenantRecord?> Update(TenantChange change)
    {
        if (state.State.Record is not { } record)
        {
            return null;
        }
        var before = Policy();
        var settings = new Dictionary<string, string>(record.Settings, StringComparer.Ordinal);
        foreach (var (name, value) in change.Settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(name);
            }
            else
            {
                settings[name] = value;
            }
        }
        var updated = record with
        {
            Name = change.Name ?? record.Name,
            Status = change.Status ?? record.Status,
            Limits = change.Limits is null ? record.Limits : record.Limits.With(change.Limits),
            Settings = settings,
            UpdatedAt = time.GetUtcNow(),
        };
        state.State = new TenantState { Record = updated };
        await state.WriteStateAsync();
        var after = Policy();
        if (before.Status != after.Status)
        {
            logger.LogInformation("Tenant {TenantId} is now {TenantStatus}", TenantId, after.Status.ToWire());
        }
        if (before.IsSuspended != after.IsSuspended || before.Limits.MaxConcurrentJobs != after.Limits.MaxConcurrentJobs)
        {
            await PushToQueueAsync();
        }
        return updated;
    }

    private TenantPolicy Policy()
    {
        var globalDefaults = defaults.Value.Limits(Math.Max(1, queue.Value.DefaultConcurrency));
        var settings = new Dictionary<string, string>(defaults.Value.Settings, StringComparer.Ordinal);
        if (state.State.Record is not { } record)
        {
            return new TenantPolicy(TenantId, Exists: false, TenantStatus.Active, TenantLimits.None.Over(globalDefaults), settings);
        }
        foreach (var (name, value) in record.Settings)
        {
            settings[name] = value;
        }
        return new TenantPolicy(TenantId, Exists: true, record.Status, record.Limits.Over(globalDefaults), settings);
    }

    /// <summary>The queue reads the policy when it activates; an active queue hears of changes here.</summary>
    private Task PushToQueueAsync()
    {
        var policy = Policy();
        return GrainFactory.GetGrain<ITenantQueue>(TenantId).Configure(policy.Limits.MaxConcurrentJobs ?? 1, policy.IsSuspended);
    }
}
