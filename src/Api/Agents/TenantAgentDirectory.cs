using Actors.Agents;

namespace Actors.Api.Agents;

/// <summary>The agents a tenant has: the built-in ones (or its overrides of them) and its own.</summary>
public sealed class TenantAgentDirectory(IClusterClient cluster)
{
    public async Task<IReadOnlyList<AgentView>> ListAsync(string tenantId)
    {
        var names = await cluster.GetGrain<ITenantAgents>(tenantId).All();
        var views = await Task.WhenAll(names.Select(name => cluster.GetGrain<IAgent>(JobKey.For(tenantId, name)).Get()));
        return views.OfType<AgentView>().ToList();
    }

    /// <summary>The tools each of the tenant's agents may use, by agent name: what a team template is checked against.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ToolsAsync(string tenantId) =>
        (await ListAsync(tenantId)).Select(v => v.Definition).ToolsByAgent();
}
