using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Actors.Api.Hosting;

/// <summary>Ready when the cluster answers and has at least one active silo.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : CachedHealthCheck
{
    protected override string Dependency => "The cluster";

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var silos = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
        return silos.Count > 0
            ? HealthCheckResult.Healthy($"{silos.Count} active silo(s)")
            : HealthCheckResult.Unhealthy("No active silo");
    }
}
