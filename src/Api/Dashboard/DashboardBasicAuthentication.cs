using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Microsoft.AspNetCore.Authentication;

namespace Actors.Api.Dashboard;

/// <summary>
/// HTTP Basic authentication whose password is an API key, for the dashboard: a browser cannot send
/// <c>X-API-Key</c>, but it prompts for Basic credentials when challenged. The user name is ignored.
/// </summary>
public sealed class DashboardBasicAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyDirectory directory,
    BootstrapAdmin bootstrap) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "DashboardBasic";
    public const string Challenge = "Basic realm=\"Actors\", charset=\"UTF-8\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var key = PasswordOf(header.Parameter);
        if (key is not { Length: > 0 and <= 256 })
        {
            return AuthenticateResult.Fail("The Basic credentials do not carry an API key.");
        }
        if (bootstrap.Matches(key))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(BootstrapAdmin.Principal(SchemeName), SchemeName));
        }
        var grant = await directory.FindUsableAsync(key);
        if (grant is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var principal = ApiKeyAuthenticationHandler.PrincipalOf(grant, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Challenge;
        return AuthProblems.UnauthorizedAsync(Context,
            "Sign in with the platform admin key (Actors:Auth:BootstrapAdminKey) as the password (any user name), or send it in the X-API-Key header; on a local node the demo tenant's key (.actors/dev-api-key) works too.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.ForbiddenAsync(Context, "The dashboard shows every tenant's grains: it needs the platform admin key.");

    /// <summary>The password of <c>base64(user:password)</c>; null when the value is not that.</summary>
    private static string? PasswordOf(string? parameter)
    {
        if (string.IsNullOrEmpty(parameter) || parameter.Length > 1024)
        {
            return null;
        }
        var bytes = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, bytes, out var written))
        {
            return null;
        }
        var credentials = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
