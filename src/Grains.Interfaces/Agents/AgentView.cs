namespace Actors.Agents;

/// <summary>An agent as a tenant sees it: its effective definition, whether it is built in or overridden, and its usage.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Agents.AgentView")]
public sealed record AgentView(
    [property: Id(0)] AgentDefinition Definition,
    [property: Id(1)] bool BuiltIn,
    [property: Id(2)] bool Overridden,
    [property: Id(3)] AgentUsage Usage);
