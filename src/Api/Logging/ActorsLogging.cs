using Actors.Silo.Logging;
using Serilog;
using Serilog.Extensions.Hosting;

namespace Actors.Api.Logging;

/// <summary>
/// The API node's log: <see cref="NodeLogging"/> (format, OTLP, filter), with the request's
/// properties on every event logged while a request is handled.
/// </summary>
public static class ActorsLogging
{
    public static WebApplicationBuilder AddActorsLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ActorsSources(configuration)
                // After FromLogContext: it must have the last word on RequestId.
                .Enrich.With(new RequestLogEnricher(services.GetRequiredService<IHttpContextAccessor>()))
                // Sinks and enrichers registered as services (tests capture the log this way).
                .ReadFrom.Services(services)
                .ActorsSinks(configuration),
            // A process started by Program.cs hands its bootstrap logger over, so its last words use the
            // configured format. Any other host (tests start several nodes in one process) keeps the static
            // logger out of it, so nodes never write to, or close, each other's logger.
            preserveStaticLogger: Log.Logger is not ReloadableLogger);
        return builder;
    }
}
