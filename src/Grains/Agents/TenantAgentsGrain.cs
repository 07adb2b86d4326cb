namespace Actors.Agents;

/// <summary>The names of a tenant's own agents, bounded so the list stays one small record.</summary>
public sealed class TenantAgentsGrain(
    [PersistentState("tenant-agents", StorageNames.Grains)] IPersistentState<TenantAgentsState> state) : Grain, ITenantAgents
{
    public Task<IReadOnlyList<string>> Names() => Task.FromResult(state.State.Names);

    public Task<IReadOnlyList<string>> All() =>
        Task.FromResult<IReadOnlyList<string>>(BuiltInAgents.All.Keys.Concat(state.State.Names).Distinct(StringComparer.Ordinal).ToList());

    public async Task<bool> Add(string name)
    {
        if (BuiltInAgents.All.ContainsKey(name) || state.State.Names.Contains(name))
        {
            return true;
        }
        if (state.State.Names.Count >= ITenantAgents.MaxAgents)
        {
            return false;
        }
        state.State = state.State with { Names = [.. state.State.Names, name] };
        await state.WriteStateAsync();
        return true;
    }
}
