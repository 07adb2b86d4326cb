using System.Security.Claims;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Actors.Api.WebConsole;

/// <summary>
/// <c>/console</c>: the sign-in form, the session's description for the page's script, sign-out, the page
/// shell and its assets (embedded in this assembly). Everything else the console shows comes from the
/// public <c>/api/v1</c> endpoints, which accept the session cookie like a key.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Path = "/console";
    public const string AssetsPath = Path + "/assets";

    private static readonly IFileProvider Assets = new ManifestEmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, "WebConsole/assets");
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup(Path).ExcludeFromDescription().AllowAnonymous();
        console.MapGet("/sign-in", SignInForm);
        console.MapPost("/sign-in", SignIn).Audited("console.sign_in");
        console.MapPost("/sign-out", SignOut).Audited("console.sign_out");
        console.MapGet("/session", Session);
        console.MapGet("/assets/{*file}", Asset);
        console.MapGet("/", Shell);
        console.MapGet("/{*page}", Shell);
        return app;
    }

    private static IResult SignInForm(HttpContext http, IAntiforgery antiforgery, ConsoleSessions sessions, string? return_to)
    {
        if (IsSignedIn(http.User))
        {
            return TypedResults.Redirect(LocalPage(return_to));
        }
        return SignInAnswer(http, antiforgery, sessions, LocalPage(return_to), error: null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, ConsoleSessions sessions, ILogger<ConsoleSessions> logger)
    {
        if (!http.Request.HasFormContentType)
        {
            return SignInAnswer(http, antiforgery, sessions, Path, "Sign in with the form.", StatusCodes.Status400BadRequest);
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnTo = LocalPage(form["return_to"]);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return SignInAnswer(http, antiforgery, sessions, returnTo, "The form had expired; sign in again.", StatusCodes.Status400BadRequest);
        }
        var outcome = await sessions.SignInAsync(form["credential"].ToString());
        if (outcome.Principal is null)
        {
            logger.LogInformation("A console sign-in was refused: {Reason}", outcome.Refusal);
            return SignInAnswer(http, antiforgery, sessions, returnTo, outcome.Refusal, StatusCodes.Status401Unauthorized);
        }
        await http.SignInAsync(ConsoleSessions.Scheme, outcome.Principal, outcome.Properties);
        // The audit log records the sign-in under the tenant it opened.
        http.User = outcome.Principal;
        logger.LogInformation("Tenant {TenantId} signed in to the console as {Actor}", outcome.Principal.GetTenantId(), outcome.Principal.GetActor());
        return TypedResults.Redirect(returnTo);
    }

    private static async Task<IResult> SignOut(HttpContext http, ILogger<ConsoleSessions> logger)
    {
        if (IsSignedIn(http.User))
        {
            logger.LogInformation("Tenant {TenantId} signed out of the console as {Actor}", http.User.GetTenantId(), http.User.GetActor());
        }
        await http.SignOutAsync(ConsoleSessions.Scheme);
        return TypedResults.Redirect($"{Path}/sign-in");
    }

    /// <summary>Who is signed in and what they may do, with the anti-forgery token the page's script sends with every change.</summary>
    private static IResult Session(HttpContext http, IAntiforgery antiforgery)
    {
        if (!IsSignedIn(http.User))
        {
            return Problems.Problem.Create(StatusCodes.Status401Unauthorized, Problems.ProblemCodes.Unauthorized, "Unauthorized", "No console session: sign in at /console/sign-in.");
        }
        var user = http.User;
        var scopes = user.FindAll(TenantClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new ConsoleSessionResponse(
            user.GetTenantId(), user.FindFirstValue(ClaimTypes.Name) ?? "", user.GetActor(), ConsoleRoles.Of(scopes), [.. scopes.Order(StringComparer.Ordinal)],
            tokens.RequestToken!, CsrfCheck.HeaderName));
    }

    private static IResult Shell(HttpContext http, string? page)
    {
        if (!IsSignedIn(http.User))
        {
            return TypedResults.Redirect($"{Path}/sign-in?return_to={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        }
        return AssetResult(Assets.GetFileInfo("index.html"), "text/html; charset=utf-8");
    }

    private static IResult Asset(string file)
    {
        var info = file.Contains("..", StringComparison.Ordinal) ? null : Assets.GetFileInfo(file);
        if (info is not { Exists: true } || info.IsDirectory || !ContentTypes.TryGetContentType(file, out var type))
        {
            return Problems.Problem.NotFound($"No console asset '{file}'.");
        }
        return AssetResult(info, type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal) ? type + "; charset=utf-8" : type);
    }

    private static IResult AssetResult(IFileInfo file, string contentType) =>
        TypedResults.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified);

    private static IResult SignInAnswer(HttpContext http, IAntiforgery antiforgery, ConsoleSessions sessions, string returnTo, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Content(SignInPage.Render(tokens.RequestToken!, returnTo, error, sessions.AcceptsTokens), "text/html; charset=utf-8", statusCode: status);
    }

    private static bool IsSignedIn(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: ConsoleSessions.Scheme };

    /// <summary>Only a page of the console: anything else (another site, a scheme-relative URL) is replaced by the console's home.</summary>
    private static string LocalPage(string? returnTo) =>
        returnTo is { Length: > 0 and < 2048 } && (returnTo == Path || returnTo.StartsWith(Path + "/", StringComparison.Ordinal) || returnTo.StartsWith(Path + "?", StringComparison.Ordinal))
            && !returnTo.Contains('\\') && !returnTo.Contains("//", StringComparison.Ordinal)
            ? returnTo
            : Path;
}

/// <summary>The answer of <c>GET /console/session</c>.</summary>
public sealed record ConsoleSessionResponse(string TenantId, string Name, string Actor, string Role, IReadOnlyList<string> Scopes, string CsrfToken, string CsrfHeader);
