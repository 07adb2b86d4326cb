namespace Actors.Agents;

/// <summary>
/// What an agent is: its role and goal, the instructions an LLM would get, the tools (analysis
/// step names, plus <c>review</c>) it may use, and the model it prefers (null: the tenant's chain).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Agents.AgentDefinition")]
public sealed record AgentDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Role,
    [property: Id(2)] string Goal,
    [property: Id(3)] string Instructions,
    [property: Id(4)] IReadOnlyList<string> Tools,
    [property: Id(5)] string? ModelPreference);
