using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Actors.Silo;

/// <summary>
/// A standalone silo's management port (<c>Actors:Silo:Management:Port</c>; off when unset):
/// <c>/health/live</c> answers while the process runs, <c>/health/ready</c> while this silo is an
/// active member of its cluster (not while it joins or shuts down), for a Kubernetes probe or a load
/// balancer. HTTP only: put it on the cluster's private network, never the public edge.
/// </summary>
public sealed class SiloManagement
{
    public const string Section = "Actors:Silo:Management";

    /// <summary>The port the health endpoints listen on; unset, the silo opens no HTTP port.</summary>
    public int? Port { get; set; }

    /// <summary>The address that listener binds to; <c>*</c> answers on every interface.</summary>
    public string Host { get; set; } = "*";

    public static SiloManagement From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<SiloManagement>() ?? new SiloManagement();

    /// <summary>Adds the endpoints' services and the listener to a silo host's web builder.</summary>
    public void AddTo(WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls($"http://{Host}:{Port}");
        builder.Services.AddHealthChecks().AddCheck<ActiveSiloCheck>("silo", tags: ["ready"]);
    }

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }

    /// <summary>Ready while membership says this silo is active: joined, and neither stopping nor declared dead.</summary>
    private sealed class ActiveSiloCheck(ISiloStatusOracle status) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(status.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy("active in the cluster")
                : HealthCheckResult.Unhealthy($"silo is {status.CurrentStatus}"));
    }
}
