namespace Actors.Agents;

/// <summary>
/// One agent of one tenant, keyed <c>{tenantId}/{name}</c>: its definition (a built-in one unless
/// overridden) and its usage. Jobs run agent steps themselves and report runs one-way, so many
/// jobs use one agent in parallel without queuing behind this activation.
/// </summary>
[Alias("Actors.Agents.IAgent")]
public interface IAgent : IGrainWithStringKey
{
    /// <summary>The agent, or null when it is neither built in nor defined by the tenant.</summary>
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<AgentView?> Get();

    /// <summary>Overrides a built-in agent or defines a new one.</summary>
    [Alias("Put")]
    Task<AgentView> Put(AgentDefinition definition);

    [Alias("RecordRun"), OneWay]
    Task RecordRun(AgentRun run);
}
