using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Actors.Silo;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Hosting;

/// <summary>Says once the node is up where it listens, where its state lives, and how to call it.</summary>
public sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    DemoTenant demo,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5000";
        logger.LogInformation("Actors is listening on {Addresses}", string.Join(", ", addresses));
        if (ClusterSettings.From(configuration).Mode == ClusterMode.Production)
        {
            logger.LogInformation("Production mode: this API node is a client of the cluster; grain state in PostgreSQL, membership and reminders in Redis");
        }
        else
        {
            logger.LogWarning("Embedded default: grain state, reminders and streams are in memory; jobs are lost when this process stops");
        }
        logger.LogInformation("Dashboard: {DashboardUrl}/dashboard  API reference: {DashboardUrl}/docs  OpenAPI: {DashboardUrl}/openapi/v1.json  Health: {DashboardUrl}/health/ready", url, url, url, url);
        if (demo.KeySource is not null)
        {
            var key = demo.KeySource == DemoTenant.KeyVariable ? "$" + DemoTenant.KeyVariable : $"$(cat {DemoTenant.KeyFile})";
            logger.LogInformation(
                "Try it: curl -s -X POST {Url}/api/v1/analyses -H \"X-API-Key: {Key}\" -H 'Content-Type: application/json' -d '{{\"type\":\"data_interpretation\",\"csv\":\"x,y\\n1,2\\n2,4\\n3,7\\n\"}}'",
                url, key);
        }
    }
}
