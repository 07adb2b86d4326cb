namespace Actors.Teams;

/// <summary>A tenant's registered team templates (validated JSON by name), bounded in number.</summary>
public sealed class TenantTeamsGrain(
    [PersistentState("tenant-teams", StorageNames.Grains)] IPersistentState<TenantTeamsState> state) : Grain, ITenantTeams
{
    public Task<string?> Get(string name) => Task.FromResult(state.State.Templates.GetValueOrDefault(name));

    public Task<IReadOnlyDictionary<string, string>> List() => Task.FromResult(state.State.Templates);

    public async Task<bool> Put(string name, string templateJson)
    {
        if (!state.State.Templates.ContainsKey(name) && state.State.Templates.Count >= ITenantTeams.MaxTemplates)
        {
            return false;
        }
        var templates = new Dictionary<string, string>(state.State.Templates) { [name] = templateJson };
        state.State = state.State with { Templates = templates };
        await state.WriteStateAsync();
        return true;
    }
}
