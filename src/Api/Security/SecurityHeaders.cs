using Actors.Api.Dashboard;
using Actors.Api.OpenApi;

namespace Actors.Api.Security;

/// <summary>
/// Headers on every response, set as the response starts (so error answers get them too):
/// nosniff, no framing, no referrer, a Content-Security-Policy, no caching of tenant data, and HSTS over HTTPS.
/// The JSON API gets <c>default-src 'none'</c>; the browser UIs (the web console at /console, the API reference at /docs and the
/// dashboard) and HTML reports get only what they load from this node.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>Nothing may load: answers are data, not pages.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>An HTML report: one self-contained page with an inline style sheet and inline SVG charts.</summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The reference and dashboard pages: scripts, styles, fonts and data from this node only (their inline bootstrap scripts included).</summary>
    public const string UiPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>The web console: its own scripts and styles only (no inline script), calls to this node only, forms posted back to it.</summary>
    public const string ConsolePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public const string HstsValue = "max-age=31536000";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    internal static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var path = context.Request.Path;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = path.StartsWithSegments(WebConsole.ConsoleEndpoints.Path, StringComparison.OrdinalIgnoreCase) ? ConsolePolicy
            : IsUi(path) ? UiPolicy
            : context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true ? ReportPolicy
            : ApiPolicy;
        // Tenant data must not sit in shared or browser caches; the reference's static assets may.
        if (!path.StartsWithSegments(ApiDocumentation.ReferencePath, StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = HstsValue;
        }
    }

    private static bool IsUi(PathString path) =>
        path.StartsWithSegments(ApiDocumentation.ReferencePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(DashboardSetup.Path, StringComparison.OrdinalIgnoreCase);
}
