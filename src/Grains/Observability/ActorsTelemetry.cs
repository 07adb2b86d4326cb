using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Orleans.Hosting;

namespace Actors.Observability;

/// <summary>
/// OpenTelemetry for every Actors host: the product's meter, Orleans's meter and grain-call spans,
/// runtime and outgoing HTTP metrics and spans, exported by OTLP when an endpoint is configured.
/// The API adds ASP.NET Core instrumentation and the Prometheus endpoint on top.
/// </summary>
public static class ActorsTelemetry
{
    /// <summary>Orleans publishes its instruments on this meter (through <c>IMeterFactory</c>).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Spans the product starts itself go on an ActivitySource of this name (or one under <c>Actors.</c>).</summary>
    public const string ActivitySourceName = "Actors";

    /// <summary>The ActivitySource and meter of the LLM calls' gen_ai spans and metrics (Microsoft.Extensions.AI's UseOpenTelemetry).</summary>
    public const string LlmSourceName = "Actors.Llm";

    /// <summary>Npgsql's meter and ActivitySource (Npgsql.OpenTelemetry names them both so).</summary>
    private const string NpgsqlSource = "Npgsql";

    // gen_ai instruments label the server's host and the model, both chosen by tenants for their own
    // chains: only these are kept (tokens and cost by model on the operator's chain: actors_llm_*).
    private static readonly string[] GenAiLabels = ["gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.system", "gen_ai.token.type", "error.type"];

    // Built into .NET 9 and later: no instrumentation package is needed for these.
    private static readonly string[] PlatformMeters = ["System.Runtime", "System.Net.Http"];
    private const string HttpClientActivitySource = "System.Net.Http";

    // Outgoing HTTP goes to tenant-chosen hosts (webhook callbacks), so the host and peer address
    // labels of the HttpClient instruments would be unbounded: only these are kept.
    private static readonly string[] HttpClientLabels =
        ["http.request.method", "http.response.status_code", "error.type", "url.scheme", "network.protocol.version", "http.connection.state"];

    /// <summary>
    /// On a silo: grain calls carry the caller's trace context (spans on both sides), the standalone
    /// host serves Prometheus text when <see cref="TelemetrySettings.SiloMetricsPort"/> is set.
    /// </summary>
    public static ISiloBuilder AddActorsTelemetry(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (!HasActivityPropagation(silo.Services))
        {
            silo.AddActivityPropagation();
        }
        silo.Services.AddActorsTelemetry(configuration);
        if (TelemetrySettings.From(configuration) is { SiloMetricsPort: { } port } settings)
        {
            silo.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusHttpListener(listener =>
            {
                listener.Host = settings.SiloMetricsHost;
                listener.Port = port;
            }));
        }
        return silo;
    }

    /// <summary>On an Orleans client (an API node apart from the silos): its grain calls start spans and carry the trace context.</summary>
    public static IClientBuilder AddActorsTelemetry(this IClientBuilder client, IConfiguration configuration)
    {
        if (!HasActivityPropagation(client.Services))
        {
            client.AddActivityPropagation();
        }
        client.Services.AddActorsTelemetry(configuration);
        return client;
    }

    /// <summary>Counts jobs from their transitions (see <see cref="JobMetricsObserver"/>); with the grains' services.</summary>
    public static IServiceCollection AddActorsJobMetrics(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobObserver, JobMetricsObserver>());
        return services;
    }

    /// <summary>
    /// The part every host shares. Safe to call more than once (the co-hosted silo and the API both
    /// call it): the exporters are registered once, or spans and points would be sent twice.
    /// </summary>
    public static IServiceCollection AddActorsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }
        services.AddSingleton<Registered>();
        ActorsMetrics.Publish();

        var settings = TelemetrySettings.From(configuration);
        var otlp = OtlpTarget.From(configuration, settings);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithMetrics(metrics =>
            {
                // "Actors.*" as well: a capability may name its meter "Actors.Webhooks" rather than share "Actors".
                metrics.AddMeter(ActorsMetrics.MeterName, ActorsMetrics.MeterName + ".*", OrleansMeterName);
                metrics.AddMeter(PlatformMeters);
                metrics.AddView("http.client.*", new MetricStreamConfiguration { TagKeys = HttpClientLabels });
                metrics.AddView("gen_ai.client.*", new MetricStreamConfiguration { TagKeys = GenAiLabels });
                // Connection pools, command durations (db.client.*), by pool name only.
                metrics.AddMeter(NpgsqlSource);
                otlp?.AddTo(metrics);
            })
            .WithTracing(tracing =>
            {
                // Application grain calls and grain storage; the runtime's own calls (membership,
                // directory, stream pub-sub) are left out: they would bury a request's spans.
                tracing.AddSource(
                    ActivitySources.ApplicationGrainActivitySourceName,
                    ActivitySources.StorageActivitySourceName,
                    ActivitySourceName,
                    ActivitySourceName + ".*",
                    HttpClientActivitySource,
                    // A span per PostgreSQL command (grain state, job list, ledger), with the statement.
                    NpgsqlSource);
                otlp?.AddTo(tracing);
            });
        return services;
    }

    // AddActivityPropagation adds its filters each time it is called, and Orleans also calls it for
    // Orleans:EnableDistributedTracing=true; twice would start two spans per call.
    private static bool HasActivityPropagation(IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(IOutgoingGrainCallFilter)
            && d.ImplementationType?.Name == "ActivityPropagationOutgoingGrainCallFilter");

    /// <summary>Marks that <see cref="AddActorsTelemetry(IServiceCollection, IConfiguration)"/> has run on a service collection.</summary>
    private sealed class Registered;

    /// <summary>Where OTLP goes: the SDK reads the <c>OTEL_EXPORTER_OTLP_*</c> variables itself; the Actors setting is applied here.</summary>
    private sealed class OtlpTarget(Uri? endpoint, OtlpExportProtocol protocol)
    {
        public static OtlpTarget? From(IConfiguration configuration, TelemetrySettings settings)
        {
            if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
            {
                return new OtlpTarget(null, OtlpExportProtocol.Grpc);
            }
            if (settings.OtlpEndpoint is not { Length: > 0 } endpoint)
            {
                return null;
            }
            var protocol = string.Equals(settings.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            return new OtlpTarget(new Uri(endpoint, UriKind.Absolute), protocol);
        }

        public void AddTo(MeterProviderBuilder metrics) =>
            metrics.AddOtlpExporter(options => Apply(options, "v1/metrics"));

        public void AddTo(TracerProviderBuilder tracing) =>
            tracing.AddOtlpExporter(options => Apply(options, "v1/traces"));

        private void Apply(OtlpExporterOptions options, string httpPath)
        {
            if (endpoint is null)
            {
                return;
            }
            options.Protocol = protocol;
            // Over HTTP an endpoint set in code is used as given, so it needs the signal's path
            // (the SDK appends it only to OTEL_EXPORTER_OTLP_ENDPOINT).
            options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + httpPath)
                : endpoint;
        }
    }
}
