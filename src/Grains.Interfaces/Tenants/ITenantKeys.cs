namespace Actors.Tenants;

/// <summary>
/// A tenant's API keys, keyed by tenant id: the index its admins list, revoke and rotate through.
/// Each key's grant lives in its own <see cref="IApiKey"/> grain, which authentication reads; this
/// index holds the hashes, never a plaintext.
/// </summary>
[Alias("Actors.Tenants.ITenantKeys")]
public interface ITenantKeys : IGrainWithStringKey
{
    /// <summary>Most keys (revoked and expired ones included) a tenant's index holds.</summary>
    public const int Capacity = 100;

    /// <summary>Registers a new key's grant and lists it. Idempotent by hash. Null when the index is full.</summary>
    [Alias("Add")]
    Task<ApiKeyListing?> Add(ApiKeyEntry key);

    [Alias("List")]
    Task<IReadOnlyList<ApiKeyListing>> List();

    /// <summary>Revokes the key everywhere; null when the tenant has no such key.</summary>
    [Alias("Revoke")]
    Task<ApiKeyListing?> Revoke(string keyId);

    /// <summary>
    /// Adds <paramref name="replacement"/> and lets <paramref name="keyId"/> live until
    /// <paramref name="oldKeyExpiresAt"/>. Null when the tenant has no such usable key or the index is full.
    /// </summary>
    [Alias("Rotate")]
    Task<ApiKeyListing?> Rotate(string keyId, ApiKeyEntry replacement, DateTimeOffset oldKeyExpiresAt);
}
