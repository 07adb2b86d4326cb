using Actors.Jobs;
using Orleans.Dashboard;

namespace Actors.Silo;

/// <summary>How an Actors silo is put together; shared by the standalone silo host and the API's co-hosted silo.</summary>
public static class ActorsSiloBuilder
{
    /// <summary>
    /// The embedded default: one process, localhost clustering, grain state, reminders and stream
    /// subscriptions in memory. Nothing survives a restart of the process.
    /// </summary>
    public static ISiloBuilder AddActorsEmbedded(this ISiloBuilder silo, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(SiloEndpointOptions.Section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
        silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
        silo.AddMemoryGrainStorage(StorageNames.Grains);
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.UseInMemoryReminderService();
        return silo.AddActorsCore(configuration);
    }

    /// <summary>What every Actors silo has whatever backs its state: the grains' services, job streams, the dashboard.</summary>
    public static ISiloBuilder AddActorsCore(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddMemoryStreams(JobStreams.ProviderName);
        silo.AddDashboard();
        silo.Services.AddActorsGrainServices(configuration);
        return silo;
    }
}
