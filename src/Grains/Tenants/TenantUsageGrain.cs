namespace Actors.Tenants;

/// <summary>
/// One tenant's job count for one month; the check and the count are one call, so concurrent
/// submits cannot overshoot. A tenant with a monthly limit has every count written before the
/// submit goes on; without a limit the count is only reported, so it is written at most once a
/// second (and on deactivation) instead of holding every submit of the tenant behind a write.
/// </summary>
public sealed class TenantUsageGrain(
    [PersistentState("tenant-usage", StorageNames.Grains)] IPersistentState<TenantUsageState> state,
    ILogger<TenantUsageGrain> logger) : Grain, ITenantUsage
{
    private static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(1);
    private bool _dirty;
    private WriteBehind? _countWrite;

    // The next count schedules another write; the count in memory is still right.
    private WriteBehind CountWrite => _countWrite ??= new WriteBehind(this, WriteDelay, WriteAsync,
        ex => logger.LogWarning(ex, "The job count of {UsageKey} could not be saved", this.GetPrimaryKeyString()));

    public Task<(bool Counted, int JobsSubmitted)> TryCountJob(int? limit) => TryCountJobs(1, limit);

    public async Task<(bool Counted, int JobsSubmitted)> TryCountJobs(int count, int? limit)
    {
        if (limit is { } max && state.State.JobsSubmitted + count > max)
        {
            return (false, state.State.JobsSubmitted);
        }
        state.State.JobsSubmitted += count;
        await SaveAsync(now: limit is not null);
        return (true, state.State.JobsSubmitted);
    }

    public Task Uncount() => UncountJobs(1);

    public async Task UncountJobs(int count)
    {
        if (state.State.JobsSubmitted > 0)
        {
            state.State.JobsSubmitted = Math.Max(0, state.State.JobsSubmitted - count);
            await SaveAsync(now: false);
        }
    }

    public Task<int> GetJobsSubmitted() => Task.FromResult(state.State.JobsSubmitted);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await WriteAsync();
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task SaveAsync(bool now)
    {
        _dirty = true;
        if (now)
        {
            await WriteAsync();
            return;
        }
        CountWrite.Schedule();
    }

    private async Task WriteAsync()
    {
        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }
}
