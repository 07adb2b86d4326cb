namespace Actors.Tenants;

/// <summary>An API key, keyed by the lowercase hex SHA-256 of its plaintext.</summary>
[Alias("Actors.Tenants.IApiKey")]
public interface IApiKey : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<ApiKeyInfo?> Get();

    /// <summary>Creates or replaces the key's grant.</summary>
    [Alias("Register")]
    Task Register(ApiKeyInfo info);
}
