using Actors.Teams;

namespace Actors.Api.Teams;

/// <summary>Finds a team by name: a shipped one first, else one the tenant registered.</summary>
public sealed class TeamDirectory(IClusterClient cluster)
{
    public async Task<(TeamTemplate Template, bool BuiltIn)?> FindAsync(string tenantId, string name)
    {
        if (TeamLibrary.BuiltIn.TryGetValue(name, out var builtIn))
        {
            return (builtIn, true);
        }
        var json = await cluster.GetGrain<ITenantTeams>(tenantId).Get(name);
        return json is null ? null : (TeamTemplate.Parse(json), false);
    }

    public async Task<IReadOnlyList<(TeamTemplate Template, bool BuiltIn)>> ListAsync(string tenantId)
    {
        var own = await cluster.GetGrain<ITenantTeams>(tenantId).List();
        return TeamLibrary.BuiltIn.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (t, true))
            .Concat(own.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (TeamTemplate.Parse(kv.Value), false)))
            .ToList();
    }
}
