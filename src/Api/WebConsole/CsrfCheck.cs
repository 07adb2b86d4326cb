using Actors.Api.Auth;
using Actors.Api.Problems;
using Microsoft.AspNetCore.Antiforgery;

namespace Actors.Api.WebConsole;

/// <summary>
/// A request authenticated by a console session cookie that changes something must carry the session's
/// anti-forgery token (header <c>X-CSRF-Token</c> or form field <c>csrf_token</c>), else 403
/// <c>csrf_token_invalid</c> before any endpoint runs. The browser sends the cookie by itself, so the
/// cookie alone proves nothing; keys and bearer tokens are sent on purpose and need no token.
/// </summary>
public static class CsrfCheck
{
    public const string HeaderName = "X-CSRF-Token";
    public const string FieldName = "csrf_token";

    public static IApplicationBuilder UseConsoleCsrfCheck(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: ConsoleSessions.Scheme } && Changes(http.Request.Method)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await RefuseAsync(http);
                return;
            }
            await next(http);
        });

    public static Task RefuseAsync(HttpContext http) =>
        AuthProblems.WriteAsync(http, StatusCodes.Status403Forbidden, ProblemCodes.CsrfTokenInvalid, "Missing or invalid anti-forgery token",
            $"A console session's changes need the session's anti-forgery token ({HeaderName} header or {FieldName} form field); reload the console and try again.");

    private static bool Changes(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}
