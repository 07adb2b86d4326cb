namespace Actors.Tenants;

[GenerateSerializer, Alias("Actors.Tenants.ApiKeyState")]
public sealed record ApiKeyState
{
    [Id(0)] public ApiKeyInfo? Info { get; init; }

    /// <summary>Last use as last persisted (at most once a minute); the activation holds a fresher value.</summary>
    [Id(1)] public DateTimeOffset? LastUsedAt { get; init; }
}
