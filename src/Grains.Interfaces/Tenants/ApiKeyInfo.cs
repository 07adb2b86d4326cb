namespace Actors.Tenants;

/// <summary>What an API key grants. The plaintext key is never stored: the grain is keyed by its SHA-256.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Tenants.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Prefix,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool Revoked,
    [property: Id(6)] DateTimeOffset? ExpiresAt = null,
    [property: Id(7)] string? KeyId = null)
{
    /// <summary>Whether the key may be used at <paramref name="now"/>: not revoked and not past its expiry.</summary>
    public bool IsUsableAt(DateTimeOffset now) => !Revoked && (ExpiresAt is null || now < ExpiresAt);
}
