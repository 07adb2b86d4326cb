using System.Security.Claims;
using Actors.Api.Analyses;
using Actors.Api.Auth;
using Serilog.Context;

namespace Actors.Api.Logging;

/// <summary>
/// Adds who and what a request is about to the events logged while it is handled: <c>TenantId</c>
/// once the caller is authenticated, and <c>JobId</c> on the routes of one analysis job. Runs after
/// authentication and pushes them on the log context; it also keeps them on the request, because
/// the exception handler clears the matched route before it logs, and events written further out
/// in the pipeline (<see cref="RequestLogEnricher"/>, <see cref="RequestLogging"/>) read them there.
/// </summary>
public sealed class RequestLogProperties(RequestDelegate next)
{
    public const string TenantIdProperty = "TenantId";
    public const string JobIdProperty = "JobId";

    /// <summary>The routes whose <c>{id}</c> is a job id.</summary>
    private const string JobRoutes = "/api/v1/analyses/{id}";

    private static readonly object Key = new();

    /// <summary>What a request is about, as known once it was authenticated and routed.</summary>
    public sealed record Values(string? TenantId, string? JobId, string? RouteTemplate);

    public async Task InvokeAsync(HttpContext context)
    {
        var template = RequestLogging.RouteTemplateOf(context);
        var values = new Values(
            context.User.FindFirstValue(TenantClaims.TenantId),
            template?.StartsWith(JobRoutes, StringComparison.Ordinal) == true ? JobIdOf(context) : null,
            template);
        context.Items[Key] = values;
        using var tenant = values.TenantId is { } tenantId ? LogContext.PushProperty(TenantIdProperty, tenantId) : null;
        using var job = values.JobId is { } jobId ? LogContext.PushProperty(JobIdProperty, jobId) : null;
        await next(context);
    }

    /// <summary>The values recorded for this request; null before (or without) this middleware.</summary>
    public static Values? Of(HttpContext context) => context.Items.TryGetValue(Key, out var values) ? values as Values : null;

    /// <summary>Only well-formed ids, so arbitrary path text never becomes a property.</summary>
    private static string? JobIdOf(HttpContext context) =>
        context.GetRouteValue("id") is string id && JobIds.IsWellFormed(id) ? id : null;
}

public static class RequestLogPropertiesExtensions
{
    /// <summary>Place after <c>UseAuthentication</c>, so the tenant is known.</summary>
    public static IApplicationBuilder UseRequestLogProperties(this IApplicationBuilder app) => app.UseMiddleware<RequestLogProperties>();
}
