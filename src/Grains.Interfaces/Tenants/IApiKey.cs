namespace Actors.Tenants;

/// <summary>An API key, keyed by the lowercase hex SHA-256 of its plaintext.</summary>
[Alias("Actors.Tenants.IApiKey")]
public interface IApiKey : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly, ResponseTimeout(CallTimeouts.Storage)]
    Task<ApiKeyInfo?> Get();

    /// <summary>Creates or replaces the key's grant.</summary>
    [Alias("Register"), ResponseTimeout(CallTimeouts.Storage)]
    Task Register(ApiKeyInfo info);

    /// <summary>Revokes the key for good; returns the grant as it now is (null for an unknown key).</summary>
    [Alias("Revoke"), ResponseTimeout(CallTimeouts.Storage)]
    Task<ApiKeyInfo?> Revoke();

    /// <summary>Brings the key's expiry forward to <paramref name="at"/> (never later than it was): a rotated key's grace period.</summary>
    [Alias("ExpireBy"), ResponseTimeout(CallTimeouts.Storage)]
    Task<ApiKeyInfo?> ExpireBy(DateTimeOffset at);

    /// <summary>The API nodes' coalesced report that the key was used; persisted at most once a minute.</summary>
    [Alias("RecordUse"), OneWay, ResponseTimeout(CallTimeouts.Storage)]
    Task RecordUse(DateTimeOffset at);

    /// <summary>When the key was last used, as far as reported; null when never.</summary>
    [Alias("GetLastUsed"), ReadOnly, ResponseTimeout(CallTimeouts.Storage)]
    Task<DateTimeOffset?> GetLastUsed();
}
