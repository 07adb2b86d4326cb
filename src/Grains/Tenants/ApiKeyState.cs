namespace Actors.Tenants;

[GenerateSerializer, Alias("Actors.Tenants.ApiKeyState")]
public sealed record ApiKeyState
{
    [Id(0)] public ApiKeyInfo? Info { get; init; }
}
