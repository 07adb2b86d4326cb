namespace Actors.Api.Auth;

/// <summary>
/// Bearer tokens (JWT) from the tenants' identity provider. Bound from <c>Actors:Auth:Jwt</c>.
/// Tokens are accepted once an issuer, an audience and at least one signing key are set.
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Actors:Auth:Jwt";

    /// <summary>The <c>iss</c> a token must carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> a token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>An HS256 shared secret, at least 32 bytes of UTF-8.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A PEM file holding the issuer's RSA public key (RS256).</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>A JSON Web Key Set file (the issuer's <c>jwks.json</c>) holding its RS256 keys.</summary>
    public string? JwksFile { get; set; }

    /// <summary>The claim naming the user's tenant.</summary>
    public string TenantClaim { get; set; } = "tenant_id";

    /// <summary>The claim holding the user's roles (<c>admin</c>, <c>analyst</c>, <c>viewer</c>): an array or a space-separated string.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a token may live: from its <c>iat</c> (else <c>nbf</c>) to its <c>exp</c>, and from now to its
    /// <c>exp</c>. A longer-lived token is refused, so a leaked one cannot serve for months.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(24);

    public TokenRules Rules => new(null, TenantClaim, RoleClaim, "sub", ClockSkew, MaxLifetime);

    public bool Enabled =>
        !string.IsNullOrWhiteSpace(Issuer) && !string.IsNullOrWhiteSpace(Audience)
        && (!string.IsNullOrWhiteSpace(SigningKey) || !string.IsNullOrWhiteSpace(PublicKeyFile) || !string.IsNullOrWhiteSpace(JwksFile));
}
