using System.Security.Claims;
using Actors.Api.Auth;
using Serilog;
using Serilog.Events;

namespace Actors.Api.Logging;

/// <summary>
/// One event per request when it completes: method, route template, status and elapsed time in the
/// message; the raw path (which carries ids) only as the <c>RequestPath</c> property. Headers are
/// never logged, so API keys and tokens cannot reach the log this way.
/// </summary>
public static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0000} ms";

    /// <summary>Shown for requests no endpoint matched (an unknown path); the path itself stays in RequestPath.</summary>
    public const string NoRoute = "(no route)";

    /// <summary>
    /// Polled every second or so by probes and by an open dashboard: logged at Debug unless they fail, so they do not drown
    /// the log. Opening the dashboard page itself is still logged.
    /// </summary>
    private static bool IsPolled(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value is { Length: > 1 };

    public static IApplicationBuilder UseActorsRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The node's own logger, not the static one: several nodes may share a process (tests).
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = MessageTemplate;
            options.GetMessageTemplateProperties = (http, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                // The exception handler clears the matched endpoint; what was matched is kept on the request.
                new LogEventProperty("RouteTemplate", new ScalarValue(RouteTemplateOf(http) ?? RequestLogProperties.Of(http)?.RouteTemplate ?? NoRoute)),
                new LogEventProperty("RequestPath", new ScalarValue(path)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            options.GetLevel = LevelOf;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                // The user as it is at completion: the dashboard authenticates its callers during authorization, after RequestLogProperties ran.
                if (http.User.FindFirstValue(TenantClaims.TenantId) is { } tenantId)
                {
                    diagnostics.Set(RequestLogProperties.TenantIdProperty, tenantId);
                }
            };
        });

    /// <summary>The matched endpoint's route pattern (<c>/api/v1/analyses/{id}</c>), or null when none matched.</summary>
    public static string? RouteTemplateOf(HttpContext http) =>
        (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template
            // A group's "/" route reads "/api/v1/analyses/"; show it as callers write it.
            ? template.Length > 1 ? template.TrimEnd('/') : template
            : null;

    private static LogEventLevel LevelOf(HttpContext http, double elapsed, Exception? exception)
    {
        var status = http.Response.StatusCode;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // An outage answered as such (its cause attached by UnavailableHandler), or an unhealthy readiness probe: expected, retried.
            return LogEventLevel.Warning;
        }
        if (exception is not null || status >= 500)
        {
            return LogEventLevel.Error;
        }
        return status < 400 && IsPolled(http.Request.Path) ? LogEventLevel.Debug : LogEventLevel.Information;
    }
}
