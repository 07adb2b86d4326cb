using Actors.Tenants;

namespace Actors.Api.Tenancy;

/// <summary>A key as listed: never its plaintext nor its hash.</summary>
public sealed record KeyResponse(
    string Id,
    string Prefix,
    string Name,
    IReadOnlyList<string> Scopes,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string? ReplacedBy)
{
    public static KeyResponse From(ApiKeyListing key, DateTimeOffset now) => new(
        key.KeyId, key.Prefix, key.Name, key.Scopes,
        key.Revoked ? "revoked" : key.ExpiresAt <= now ? "expired" : "active",
        key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.ReplacedBy);
}

/// <summary>A new key: the only answer that ever carries its plaintext.</summary>
public sealed record IssuedKeyResponse(
    string Id,
    string Key,
    string Prefix,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    RotatedKeyResponse? Replaces);

/// <summary>The key a rotation replaced, and when it stops working.</summary>
public sealed record RotatedKeyResponse(string Id, DateTimeOffset? ExpiresAt);

public sealed record KeyListResponse(IReadOnlyList<KeyResponse> Items);
