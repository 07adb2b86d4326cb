using Actors.Observability;
using Serilog;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Sinks.OpenTelemetry;

namespace Actors.Silo.Logging;

/// <summary>
/// The log of every Actors node (API node or standalone silo): Serilog from configuration, one event
/// per line on the console as readable text (the default, for a person at a terminal) or compact JSON
/// (<c>Actors:Logging:Format=json</c>, what production sets), and over OTLP as well when an endpoint is
/// configured (the one traces and metrics use). The watchdog's false stall at start is left out.
/// </summary>
public static class NodeLogging
{
    public const string FormatSetting = "Actors:Logging:Format";
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>What comes before a host's own enrichers: configured levels, the log context, the filter.</summary>
    public static LoggerConfiguration ActorsSources(this LoggerConfiguration logger, IConfiguration configuration) => logger
        .ReadFrom.Configuration(configuration)
        .Enrich.FromLogContext()
        .Filter.ByExcluding(WatchdogStartRace.IsFalseStall);

    /// <summary>Where events go: the console in the configured format, and OTLP where an endpoint is set.</summary>
    public static LoggerConfiguration ActorsSinks(this LoggerConfiguration logger, IConfiguration configuration)
    {
        logger.WriteTo.Console(FormatterFor(configuration[FormatSetting]));
        var settings = TelemetrySettings.From(configuration);
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            // The sink reads the standard OTEL_EXPORTER_OTLP_* variables itself.
            logger.WriteTo.OpenTelemetry(options => options.ResourceAttributes["service.name"] = settings.ServiceName);
        }
        else if (settings.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            var http = string.Equals(settings.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase);
            logger.WriteTo.OpenTelemetry(options =>
            {
                options.Protocol = http ? OtlpProtocol.HttpProtobuf : OtlpProtocol.Grpc;
                // Over HTTP the endpoint is used as given, so it needs the signal's path, as for traces and metrics.
                options.Endpoint = http ? endpoint.TrimEnd('/') + "/v1/logs" : endpoint;
                options.ResourceAttributes["service.name"] = settings.ServiceName;
            }, ignoreEnvironment: true);
        }
        return logger;
    }

    /// <summary>The console formatter for a <c>Actors:Logging:Format</c> value; unknown values stop the node at start-up.</summary>
    public static ITextFormatter FormatterFor(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or Text => new ReadableTextFormatter(),
        Json => new RenderedCompactJsonFormatter(),
        _ => throw new InvalidOperationException($"{FormatSetting} is '{format}'; use '{Text}' or '{Json}'."),
    };
}
