namespace Actors.Teams;

[GenerateSerializer, Alias("Actors.Teams.TenantTeamsState")]
public sealed record TenantTeamsState
{
    [Id(0)] public IReadOnlyDictionary<string, string> Templates { get; init; } = new Dictionary<string, string>();
}
