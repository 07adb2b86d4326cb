using Actors.Api.Hosting;
using Serilog.Core;
using Serilog.Events;

namespace Actors.Api.Logging;

/// <summary>
/// Gives every event logged while a request is handled the request's own properties, including the
/// events written outside <see cref="RequestLogProperties"/>'s log context: the exception handler's
/// and the request's completion event, which run further out in the pipeline.
/// </summary>
public sealed class RequestLogEnricher(IHttpContextAccessor http) : ILogEventEnricher
{
    public const string RequestIdProperty = "RequestId";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (http.HttpContext is not { } context)
        {
            return;
        }
        // Overwrite, not add: ASP.NET Core's hosting log scope carries a RequestId too (the connection-based
        // identifier captured before ours existed), and on events that go through Microsoft.Extensions.Logging
        // it is applied before the log context, so it would otherwise win. The few framework events logged
        // before RequestIdMiddleware runs (request start, route matching) get none rather than a different one.
        if (RequestIdMiddleware.Of(context) is { } requestId)
        {
            logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(RequestIdProperty, requestId));
        }
        else
        {
            logEvent.RemovePropertyIfPresent(RequestIdProperty);
        }
        if (RequestLogProperties.Of(context) is { } request)
        {
            if (request.TenantId is not null)
            {
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(RequestLogProperties.TenantIdProperty, request.TenantId));
            }
            if (request.JobId is not null)
            {
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(RequestLogProperties.JobIdProperty, request.JobId));
            }
        }
    }
}
