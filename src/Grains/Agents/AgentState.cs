using Actors.Agents;

namespace Actors.Agents;

/// <summary>A tenant's override or own definition of an agent (null: the built-in one applies) and its usage.</summary>
[GenerateSerializer, Alias("Actors.Agents.AgentState")]
public sealed record AgentState
{
    [Id(0)] public AgentDefinition? Definition { get; init; }
    [Id(1)] public AgentUsage Usage { get; init; } = AgentUsage.None;
}
