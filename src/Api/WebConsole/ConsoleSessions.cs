using System.Security.Claims;
using System.Security.Cryptography;
using Actors.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.WebConsole;

/// <summary>
/// Console sessions: an API key or a token from the tenant's identity provider is checked once at
/// sign-in and becomes an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) that carries the same claims
/// the API authorizes with. The cookie holds the key's SHA-256 (its grain's id), never the key; each
/// request re-reads the key's grant through the node's key cache, so a revoked key ends its sessions.
/// </summary>
public sealed class ConsoleSessions(ApiKeyDirectory keys, BootstrapAdmin bootstrap, IOptionsMonitor<JwtBearerOptions> bearer, TrustedIssuers issuers, IServiceProvider services)
{
    public const string Scheme = "ConsoleSession";
    public const string CookieName = "actors_session";

    /// <summary>The session's own id: a stable identity for anti-forgery tokens while the key's scopes change under it.</summary>
    private const string SessionIdClaim = ClaimTypes.NameIdentifier;
    private const string KeyHashItem = "key_hash";

    /// <summary>What a sign-in gives: the session's principal and properties, or why it was refused.</summary>
    public sealed record SignIn(ClaimsPrincipal? Principal, AuthenticationProperties? Properties, string? Refusal);

    public bool AcceptsTokens => issuers.AcceptsTokens;

    public async Task<SignIn> SignInAsync(string credential)
    {
        credential = credential.Trim();
        if (credential.Length is 0 or > 8192)
        {
            return Refused("Enter your API key.");
        }
        if (LooksLikeToken(credential))
        {
            return issuers.AcceptsTokens ? await FromTokenAsync(credential) : Refused("Sign-in tokens are not configured on this node; use an API key.");
        }
        if (credential.Length > 256)
        {
            return Refused(InvalidKey);
        }
        if (bootstrap.Matches(credential))
        {
            return Refused("The platform operator's key belongs to no tenant; the console is for a tenant's keys and users.");
        }
        var hash = ApiKeyHash.Of(credential);
        var grant = await keys.FindUsableByHashAsync(hash);
        if (grant is null)
        {
            return Refused(InvalidKey);
        }
        var properties = new AuthenticationProperties { AllowRefresh = true };
        properties.Items[KeyHashItem] = hash;
        return new SignIn(WithSession(ApiKeyAuthenticationHandler.PrincipalOf(grant, Scheme), NewSessionId()), properties, null);
    }

    /// <summary>Each request: a key's session follows the key's current grant (scopes changed, revoked, expired).</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Properties.Items.TryGetValue(KeyHashItem, out var hash) is false || hash is null)
        {
            return; // A token's session: its claims hold until the token's expiry, which the cookie carries.
        }
        var grant = await keys.FindUsableByHashAsync(hash);
        if (grant is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        var current = context.Principal!;
        var scopes = current.FindAll(TenantClaims.Scope).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!scopes.SequenceEqual(grant.Scopes.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            context.ReplacePrincipal(WithSession(ApiKeyAuthenticationHandler.PrincipalOf(grant, Scheme), current.FindFirstValue(SessionIdClaim)!));
            context.ShouldRenew = true;
        }
    }

    private async Task<SignIn> FromTokenAsync(string token)
    {
        if (issuers.Untrusted(token))
        {
            return Refused(JwtUsers.DetailOf(new SecurityTokenInvalidIssuerException()));
        }
        // The same scheme, keys and rules as the API's bearer check of this token's issuer.
        var scheme = issuers.SchemeFor(token);
        var options = bearer.Get(scheme);
        var handler = options.TokenHandlers.FirstOrDefault();
        if (handler is null)
        {
            return Refused("Sign-in tokens are not configured on this node; use an API key.");
        }
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is BaseConfigurationManager provider)
        {
            parameters.ConfigurationManager = provider;
        }
        var validated = await handler.ValidateTokenAsync(token, parameters);
        if (!validated.IsValid)
        {
            if (validated.Exception is SecurityTokenSignatureKeyNotFoundException && options.RefreshOnIssuerKeyNotFound)
            {
                options.ConfigurationManager?.RequestRefresh(); // As the bearer scheme does: the provider may have rolled its keys.
            }
            return Refused(JwtUsers.DetailOf(validated.Exception));
        }
        var (user, why) = await JwtUsers.AcceptAsync(validated.SecurityToken, new ClaimsPrincipal(validated.ClaimsIdentity), issuers.RulesOf(scheme), services);
        if (user is null)
        {
            return Refused(why);
        }
        var expires = validated.SecurityToken.ValidTo;
        var properties = new AuthenticationProperties { AllowRefresh = false, ExpiresUtc = new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)) };
        var identity = new ClaimsIdentity(user.Claims, Scheme);
        return new SignIn(WithSession(new ClaimsPrincipal(identity), NewSessionId()), properties, null);
    }

    private const string InvalidKey = "That API key is unknown, revoked or expired.";

    private static SignIn Refused(string why) => new(null, null, why);

    /// <summary>A JWT is three base64url parts; an API key is one word.</summary>
    private static bool LooksLikeToken(string credential) => credential.StartsWith("eyJ", StringComparison.Ordinal) && credential.Count(c => c == '.') == 2;

    private static string NewSessionId() => "session:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static ClaimsPrincipal WithSession(ClaimsPrincipal principal, string sessionId)
    {
        var identity = new ClaimsIdentity(principal.Claims.Where(c => c.Type != SessionIdClaim), Scheme);
        identity.AddClaim(new Claim(SessionIdClaim, sessionId));
        return new ClaimsPrincipal(identity);
    }
}
