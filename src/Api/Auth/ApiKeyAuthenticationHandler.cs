using System.Security.Claims;
using System.Text.Encodings.Web;
using Actors.Api.Problems;
using Microsoft.AspNetCore.Authentication;

namespace Actors.Api.Auth;

/// <summary>Authenticates <c>X-API-Key</c>; answers 401/403 as problem documents.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyDirectory directory,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
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
        var grant = await directory.FindAsync(presented);
        if (grant is null || grant.Revoked)
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
            new(TenantClaims.Actor, $"key:{grant.Prefix}"),
        };
        claims.AddRange(grant.Scopes.Select(scope => new Claim(TenantClaims.Scope, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var missing = string.IsNullOrEmpty(Request.Headers[Header].ToString());
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Unauthorized",
            missing ? $"Send your API key in the {Header} header." : "The API key is unknown, revoked or expired.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden",
            "The API key does not grant this operation.");
    }

    private async Task WriteProblemAsync(int status, string code, string title, string detail)
    {
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = Problem.TypeFor(code),
                Extensions = { ["code"] = code },
            },
        });
    }
}
