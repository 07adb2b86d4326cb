using Actors.Analyses;
using Actors.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>Starts in-process test clusters configured like a real Actors silo, plus the test analyses.</summary>
public static class TestClusters
{
    /// <summary>
    /// Failover tests look for an activation on a secondary silo by trying placements; Orleans's
    /// default (resource-optimized) placement can keep choosing the least loaded silo on a busy
    /// machine, so those clusters place at random.
    /// </summary>
    public static void PlaceAtRandom(ISiloBuilder silo) =>
        silo.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.RandomPlacement>();

    /// <param name="silos">Number of silos.</param>
    /// <param name="settings">Configuration overrides (e.g. <c>Actors:Jobs:Timeout</c>).</param>
    /// <param name="sharedState">
    /// Keep grain state, stream subscriptions and reminders in stores shared by all silos, so a
    /// killed silo loses nothing (as with PostgreSQL); otherwise the in-memory defaults.
    /// </param>
    /// <param name="configureSilo">Extra silo services, added before the Actors services (so they win over their defaults).</param>
    public static async Task<InProcessTestCluster> StartAsync(short silos, IDictionary<string, string?>? settings = null, bool sharedState = false,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Actors:Jobs:RetryBaseDelay"] = "00:00:00.010",
            ["Actors:Jobs:WatchdogPeriod"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        var serviceId = builder.Options.ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            if (sharedState)
            {
                silo.Services.AddGrainStorage(StorageNames.Grains, (sp, _) => new SharedGrainStorage(serviceId, sp.GetRequiredService<Serializer>()));
                silo.Services.AddGrainStorage(StorageNames.PubSub, (sp, _) => new SharedGrainStorage(serviceId + "-pubsub", sp.GetRequiredService<Serializer>()));
                silo.AddReminders();
                silo.Services.AddSingleton<IReminderTable>(new SharedReminderTable(serviceId));
            }
            else
            {
                // As the embedded node stores it: Orleans's binary codec, which reads back every state type.
                silo.AddMemoryGrainStorage(StorageNames.Grains, ActorsSiloBuilder.BinaryStateInMemory);
                silo.AddMemoryGrainStorage(StorageNames.PubSub, ActorsSiloBuilder.BinaryStateInMemory);
                silo.UseInMemoryReminderService();
            }
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<ClusterMembershipOptions>(FastMembership);
            configureSilo?.Invoke(silo);
            silo.AddActorsCore(configuration);
            silo.Services.AddSingleton<IAnalysis, GatedAnalysis>();
            silo.Services.AddSingleton<IAnalysis, FlakyAnalysis>();
            silo.Services.AddSingleton<IAnalysis, LongAnalysis>();
        });
        builder.ConfigureClient(client =>
        {
            client.AddMemoryStreams(JobStreams.ProviderName);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Declares a killed silo dead within seconds instead of the production minute.</summary>
    private static void FastMembership(ClusterMembershipOptions o)
    {
        o.NumMissedProbesLimit = 1;
        o.NumVotesForDeathDeclaration = 1;
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(5);
    }
}
