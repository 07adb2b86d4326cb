namespace Actors.Agents;

/// <summary>The names of the agents a tenant defined itself (built-in ones are not listed), keyed by tenant id.</summary>
[Alias("Actors.Agents.ITenantAgents")]
public interface ITenantAgents : IGrainWithStringKey
{
    [Alias("Names"), ReadOnly]
    Task<IReadOnlyList<string>> Names();

    /// <summary>Adds a name; false when the tenant already has the maximum number of its own agents.</summary>
    [Alias("Add")]
    Task<bool> Add(string name);
}
