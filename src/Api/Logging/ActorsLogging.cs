using Serilog;
using Serilog.Extensions.Hosting;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace Actors.Api.Logging;

/// <summary>
/// The node's log: Serilog, one event per line on the console, as readable text (the embedded
/// default, for a person at a terminal) or compact JSON (what production deployments set, for a
/// log pipeline). Chosen by <c>Actors:Logging:Format</c>.
/// </summary>
public static class ActorsLogging
{
    public const string FormatSetting = "Actors:Logging:Format";
    public const string Text = "text";
    public const string Json = "json";

    public static WebApplicationBuilder AddActorsLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                // After FromLogContext: it must have the last word on RequestId.
                .Enrich.With(new RequestLogEnricher(services.GetRequiredService<IHttpContextAccessor>()))
                // Sinks and enrichers registered as services (tests capture the log this way).
                .ReadFrom.Services(services)
                .WriteTo.Console(FormatterFor(configuration[FormatSetting])),
            // A process started by Program.cs hands its bootstrap logger over, so its last words use the
            // configured format. Any other host (tests start several nodes in one process) keeps the static
            // logger out of it, so nodes never write to, or close, each other's logger.
            preserveStaticLogger: Log.Logger is not ReloadableLogger);
        return builder;
    }

    /// <summary>The console formatter for a <c>Actors:Logging:Format</c> value; unknown values stop the node at start-up.</summary>
    public static ITextFormatter FormatterFor(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or Text => new ReadableTextFormatter(),
        Json => new RenderedCompactJsonFormatter(),
        _ => throw new InvalidOperationException($"{FormatSetting} is '{format}'; use '{Text}' or '{Json}'."),
    };
}
