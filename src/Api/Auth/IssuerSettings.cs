namespace Actors.Api.Auth;

/// <summary>
/// One identity provider whose users act in one tenant, its keys found by OpenID discovery and
/// refreshed when a token names a key it has not seen (key rollover). Bound from
/// <c>Actors:Auth:Issuers:N</c>; see docs/identity-providers.md.
/// </summary>
public sealed class IssuerSettings
{
    public const string Section = "Actors:Auth:Issuers";

    /// <summary>The <c>iss</c> its tokens carry, exactly (Entra ID: <c>https://login.microsoftonline.com/{tenant}/v2.0</c>).</summary>
    public string? Issuer { get; set; }

    /// <summary>The provider's base address; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's full address, when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The <c>aud</c> its tokens must carry (the API's application or client id at the provider).</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The Actors tenant every user of this provider acts in. Fixed here, never read from the token, so a
    /// provider's token cannot name another tenant.
    /// </summary>
    public string? Tenant { get; set; }

    /// <summary>The claim holding the user's roles (<c>admin</c>, <c>analyst</c>, <c>viewer</c>): an array or a space-separated string.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim naming the user; their actor in the audit log is <c>user:{value}</c>.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>
    /// Whether the discovery document and keys must come over HTTPS. Unset: required everywhere but in
    /// the Development environment. Set false only for a provider on loopback.
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>The least time between two fetches of the keys that a token with an unknown key id may cause.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the discovery document and keys are fetched again regardless.</summary>
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a token may live (see <see cref="JwtSettings.MaxLifetime"/>).</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The discovery document's address.</summary>
    public string Metadata => !string.IsNullOrWhiteSpace(MetadataAddress) ? MetadataAddress
        : Authority!.TrimEnd('/') + "/.well-known/openid-configuration";

    public TokenRules Rules => new(Tenant, TenantClaims.TenantId, RoleClaim, SubjectClaim, ClockSkew, MaxLifetime);

    /// <summary>What is wrong with the settings of issuer <paramref name="index"/>, one line each; empty when they are usable.</summary>
    public IEnumerable<string> Problems(int index, bool development)
    {
        var at = $"{Section}:{index}";
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            yield return $"{at}:Issuer is required (the 'iss' its tokens carry).";
        }
        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return $"{at}:Audience is required (the 'aud' its tokens carry).";
        }
        if (string.IsNullOrWhiteSpace(Tenant) || !Tenancy.TenantIds.IsWellFormed(Tenant))
        {
            yield return $"{at}:Tenant is required and must be a well-formed tenant id.";
        }
        if (string.IsNullOrWhiteSpace(Authority) == string.IsNullOrWhiteSpace(MetadataAddress))
        {
            yield return $"{at}: set exactly one of Authority and MetadataAddress.";
            yield break;
        }
        if (!Uri.TryCreate(Metadata, UriKind.Absolute, out var metadata) || metadata.Scheme is not ("https" or "http"))
        {
            yield return $"{at}: '{Metadata}' is not an http(s) address.";
        }
        else if (metadata.Scheme == "http" && (RequireHttpsMetadata ?? !development))
        {
            yield return $"{at}: '{Metadata}' is not HTTPS; keys fetched in the clear can be replaced on the way. Use HTTPS, or set RequireHttpsMetadata=false for a provider on loopback.";
        }
        if (KeyRefreshInterval < TimeSpan.FromSeconds(1) || AutomaticRefreshInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{at}: KeyRefreshInterval and AutomaticRefreshInterval must be at least 1 second.";
        }
    }
}
