namespace Actors.Tenants;

/// <summary>A key as its tenant's admin sees it: never the plaintext nor the hash.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Tenants.ApiKeyListing")]
public sealed record ApiKeyListing(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Prefix,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt,
    [property: Id(6)] bool Revoked,
    [property: Id(7)] DateTimeOffset? LastUsedAt,
    [property: Id(8)] string? ReplacedBy);
