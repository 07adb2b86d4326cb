namespace Actors.Agents;

/// <summary>A tenant's business context. Read-mostly: jobs read it once per agent step.</summary>
public sealed class TenantContextGrain(
    [PersistentState("tenant-context", StorageNames.Grains)] IPersistentState<BusinessContext> state,
    TimeProvider time) : Grain, ITenantContext
{
    public Task<BusinessContext> Get() => Task.FromResult(state.RecordExists ? state.State : BusinessContext.None);

    public async Task<BusinessContext> Put(BusinessContext context)
    {
        state.State = context with { UpdatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        return state.State;
    }
}
