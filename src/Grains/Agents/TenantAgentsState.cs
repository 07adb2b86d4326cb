namespace Actors.Agents;

[GenerateSerializer, Alias("Actors.Agents.TenantAgentsState")]
public sealed record TenantAgentsState
{
    [Id(0)] public IReadOnlyList<string> Names { get; init; } = [];
}
