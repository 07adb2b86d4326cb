using System.Diagnostics;
using Actors.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Actors.Api.Observability;

/// <summary>
/// Metrics and tracing of an API node: everything <see cref="ActorsTelemetry"/> gives every host, plus
/// ASP.NET Core's request spans and metrics, and <c>GET /metrics</c> in Prometheus text format.
/// </summary>
public static class ApiTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The response header carrying the W3C trace id of the request's span.</summary>
    public const string TraceIdHeader = "X-Trace-Id";

    /// <summary>The server span attribute carrying the request id (<c>X-Request-ID</c>, <c>request_id</c> in problems and logs).</summary>
    public const string RequestIdAttribute = "actors.request_id";

    /// <summary>Call after the Orleans silo or client is configured.</summary>
    public static WebApplicationBuilder AddActorsTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        if (!services.Any(d => d.ServiceType == typeof(Orleans.Runtime.Silo)) && services.Any(d => d.ServiceType == typeof(IClusterClient)))
        {
            // An API node apart from the silos: its grain calls must carry the trace context too. Orleans
            // applies each UseOrleansClient delegate to the one client builder.
            builder.UseOrleansClient(client => client.AddActorsTelemetry(configuration));
        }
        services.AddActorsTelemetry(configuration);
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options =>
            {
                // Scrapes, probes and the dashboard's polling would outnumber real requests many times over.
                options.Filter = http => !IsOperatorTraffic(http.Request.Path);
                options.EnrichWithHttpRequest = (activity, request) => AnnounceTraceId(request.HttpContext, activity);
                // RequestIdMiddleware runs after the span starts, so its id is read when the span ends.
                options.EnrichWithHttpResponse = (activity, response) => activity.SetTag(RequestIdAttribute, response.HttpContext.TraceIdentifier);
            }));
        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c>. Unauthenticated like the health probes: keep it off the public edge.</summary>
    public static IEndpointConventionBuilder MapActorsMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath);

    private static bool IsOperatorTraffic(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.StartsWithSegments("/dashboard");

    private static void AnnounceTraceId(HttpContext http, Activity activity)
    {
        var traceId = activity.TraceId.ToHexString();
        // Set when the response starts, so the exception handler clearing headers does not drop it.
        http.Response.OnStarting(static state =>
        {
            var (response, id) = ((HttpResponse, string))state;
            response.Headers[TraceIdHeader] = id;
            return Task.CompletedTask;
        }, (http.Response, traceId));
    }
}
