namespace Actors.Tenants;

/// <summary>One tenant's job count for one month; the check and the count are one call, so concurrent submits cannot overshoot.</summary>
public sealed class TenantUsageGrain(
    [PersistentState("tenant-usage", StorageNames.Grains)] IPersistentState<TenantUsageState> state) : Grain, ITenantUsage
{
    public async Task<(bool Counted, int JobsSubmitted)> TryCountJob(int? limit)
    {
        if (limit is { } max && state.State.JobsSubmitted >= max)
        {
            return (false, state.State.JobsSubmitted);
        }
        state.State.JobsSubmitted++;
        await state.WriteStateAsync();
        return (true, state.State.JobsSubmitted);
    }

    public async Task Uncount()
    {
        if (state.State.JobsSubmitted > 0)
        {
            state.State.JobsSubmitted--;
            await state.WriteStateAsync();
        }
    }

    public Task<int> GetJobsSubmitted() => Task.FromResult(state.State.JobsSubmitted);
}
