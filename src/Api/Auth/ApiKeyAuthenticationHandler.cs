using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace Actors.Api.Auth;

/// <summary>Authenticates <c>X-API-Key</c> (a tenant's key or the bootstrap admin key); answers 401/403 as problem documents.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyDirectory directory,
    BootstrapAdmin bootstrap) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-API-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }
        if (presented.Length > 256)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        if (bootstrap.Matches(presented))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(BootstrapAdmin.Principal(SchemeName), SchemeName));
        }
        var grant = await directory.FindUsableAsync(presented);
        if (grant is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalOf(grant, SchemeName), SchemeName));
    }

    /// <summary>The caller a valid key stands for: its tenant and scopes. Shared with the dashboard's Basic scheme.</summary>
    public static ClaimsPrincipal PrincipalOf(Actors.Tenants.ApiKeyInfo grant, string scheme)
    {
        var claims = new List<Claim>
        {
            new(TenantClaims.TenantId, grant.TenantId),
            new(ClaimTypes.Name, grant.Name),
            new(TenantClaims.Actor, ActorOf(grant)),
        };
        claims.AddRange(grant.Scopes.Select(scope => new Claim(TenantClaims.Scope, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>
    /// Who a key is in the audit log, its rate buckets and logs: <c>key:{key id}</c>. The id is random and
    /// holds no secret characters; the displayed prefix would give away most of a short custom key.
    /// </summary>
    public static string ActorOf(Actors.Tenants.ApiKeyInfo grant) => $"key:{grant.KeyId}";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var missing = string.IsNullOrEmpty(Request.Headers[Header].ToString());
        return AuthProblems.UnauthorizedAsync(Context,
            missing ? AuthProblems.MissingCredentials : "The API key is unknown, revoked or expired.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.ForbiddenAsync(Context, "The API key does not grant this operation.");
}
