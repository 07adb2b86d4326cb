namespace Actors.Tenants;

/// <summary>One key in its tenant's index: how to find its grant (the hash) and what to show of it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Tenants.ApiKeyEntry")]
public sealed record ApiKeyEntry(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Hash,
    [property: Id(2)] string Prefix,
    [property: Id(3)] string Name,
    [property: Id(4)] IReadOnlyList<string> Scopes,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] bool Revoked,
    [property: Id(8)] string? ReplacedBy = null);
