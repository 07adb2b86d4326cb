namespace Actors.Agents;

/// <summary>The names of the agents a tenant defined itself (built-in ones are not listed), keyed by tenant id.</summary>
[Alias("Actors.Agents.ITenantAgents")]
public interface ITenantAgents : IGrainWithStringKey
{
    /// <summary>How many agents of its own a tenant may define.</summary>
    public const int MaxAgents = 100;

    [Alias("Names"), ReadOnly]
    Task<IReadOnlyList<string>> Names();

    /// <summary>Every agent the tenant has: the built-in ones (which it may have overridden), then its own.</summary>
    [Alias("All"), ReadOnly]
    Task<IReadOnlyList<string>> All();

    /// <summary>
    /// Adds a name; false when the tenant already has the maximum number of its own agents. A built-in
    /// name is always accepted and not listed: defining it overrides the built-in agent.
    /// </summary>
    [Alias("Add")]
    Task<bool> Add(string name);
}
