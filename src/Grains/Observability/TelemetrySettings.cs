using Microsoft.Extensions.Configuration;

namespace Actors.Observability;

/// <summary>Metrics and tracing settings, bound from <c>Actors:Telemetry</c>. The standard <c>OTEL_*</c> variables are honoured too.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Actors:Telemetry";

    /// <summary>The <c>service.name</c> of spans and metrics; <c>OTEL_SERVICE_NAME</c> wins when set.</summary>
    public string ServiceName { get; set; } = "actors";

    /// <summary>
    /// Where to send spans and metrics by OTLP (e.g. <c>http://collector:4317</c>) when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is not set. Neither set: no OTLP export at all.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318) for <see cref="OtlpEndpoint"/>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// A silo without the HTTP API (the standalone silo host) serves Prometheus text at
    /// <c>http://{SiloMetricsHost}:{SiloMetricsPort}/metrics</c> when this is set. The API node serves
    /// <c>/metrics</c> on its own port and leaves this unset.
    /// </summary>
    public int? SiloMetricsPort { get; set; }

    /// <summary>The host name the silo's metrics listener binds to; <c>*</c> answers on every interface.</summary>
    public string SiloMetricsHost { get; set; } = "*";

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        if (configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } serviceName)
        {
            settings.ServiceName = serviceName;
        }
        return settings;
    }
}
