using Actors.Jobs;
using Actors.Observability;
using Actors.Silo.Storage;
using Orleans.Dashboard;

namespace Actors.Silo;

/// <summary>How an Actors silo is put together; shared by the standalone silo host and the API's co-hosted silo.</summary>
public static class ActorsSiloBuilder
{
    /// <summary>The silo <c>Actors:Cluster:Mode</c> asks for: the embedded default or production.</summary>
    public static ISiloBuilder AddActors(this ISiloBuilder silo, IConfiguration configuration) =>
        ClusterSettings.From(configuration).Mode == ClusterMode.Production
            ? silo.AddActorsProduction(configuration)
            : silo.AddActorsEmbedded(configuration);

    /// <summary>
    /// A production silo: membership and reminders in Redis, grain state and stream subscriptions in
    /// PostgreSQL, a fixed service id. Jobs survive the death of any silo.
    /// </summary>
    public static ISiloBuilder AddActorsProduction(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = ClusterSettings.From(configuration).ValidateForProduction();
        var endpoints = SiloEndpointOptions.From(configuration);
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ServiceId = cluster.ServiceId;
            o.ClusterId = cluster.ClusterId;
        });
        var advertised = cluster.AdvertisedIp;
        silo.Configure<Orleans.Configuration.EndpointOptions>(o => endpoints.ApplyTo(o, advertised));
        cluster.Tls.ApplyTo(silo);
        // Failure detection: the product's defaults (docs/production.md), then whatever is configured (tests shorten it).
        silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(ClusterSettings.DetectFailuresSoon);
        silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(configuration.GetSection(ClusterSettings.Section + ":Membership"));
        silo.Configure<Orleans.Configuration.SiloMessagingOptions>(ClusterSettings.ForgetDisconnectedClientsSoon);
        // Orleans's default in-cluster directory is eventually consistent: a silo's crash lost the entries
        // it held, and the fault scenario found a job with two activations for good, the stale one answering
        // "queued" while the other completed it. The distributed directory recovers a dead silo's entries
        // from the live ones and never lets two activations of one grain be registered (docs/production.md).
        if (cluster.ConsistentGrainDirectory)
        {
#pragma warning disable ORLEANSEXP003 // Marked for evaluation in 10.4.2: chosen over duplicate activations, covered by the fault tests, and can be turned off.
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        }
        silo.UseRedisClustering(o => o.ConfigurationOptions = RedisOptions(cluster));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = RedisOptions(cluster));
        silo.AddActorsPostgresStorage(cluster.PostgresConnectionString!);
        // Before AddActorsCore, whose defaults are only added when nothing else was.
        silo.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(cluster.PostgresConnectionString!));
        silo.Services.AddSingleton<Actors.Jobs.ICompletionLedger>(sp =>
            new Storage.PostgresCompletionLedger(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), cluster.ServiceId));
        silo.Services.AddSingleton<Actors.Jobs.IJobIndex>(sp =>
            new Storage.PostgresJobIndex(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), cluster.ServiceId));
        silo.Services.AddSingleton<Actors.Audit.IAuditStore>(sp =>
            new Storage.PostgresAuditStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), cluster.ServiceId));
        silo.Services.AddSingleton<Actors.Jobs.IResultStore>(sp =>
            new Storage.PostgresResultStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), cluster.ServiceId));
        // After a restore from backup, the jobs it left in flight are re-armed (docs/operations.md, "Restore").
        silo.Services.AddSingleton(sp => new Storage.PostgresRestores(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), cluster.ServiceId));
        silo.Services.AddSingleton<ILifecycleParticipant<Orleans.Runtime.ISiloLifecycle>, Storage.RestoreRecovery>();
        return silo.AddActorsCore(configuration);
    }

    /// <summary>
    /// Every job registers and drops a watchdog reminder in Redis. StackExchange.Redis by default hands
    /// each socket completion to its own dedicated threads; on the thread pool instead it saved the
    /// cross-thread wake-ups that were most of Redis's CPU cost in the peer benchmark (docs/BENCHMARKS.md).
    /// </summary>
    private static StackExchange.Redis.ConfigurationOptions RedisOptions(ClusterSettings cluster)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(cluster.RedisConnectionString!);
        options.SocketManager = StackExchange.Redis.SocketManager.ThreadPool;
        return options;
    }

    /// <summary>
    /// The embedded default: one process, localhost clustering, grain state, reminders and stream
    /// subscriptions in memory. Nothing survives a restart of the process.
    /// </summary>
    public static ISiloBuilder AddActorsEmbedded(this ISiloBuilder silo, IConfiguration configuration)
    {
        var endpoints = SiloEndpointOptions.From(configuration);
        silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
        silo.AddMemoryGrainStorage(StorageNames.Grains, BinaryStateInMemory);
        silo.AddMemoryGrainStorage(StorageNames.PubSub, BinaryStateInMemory);
        silo.UseInMemoryReminderService();
        return silo.AddActorsCore(configuration);
    }

    /// <summary>
    /// Memory storage copies state through a serializer on every write; the default is Newtonsoft JSON
    /// with type names, the largest CPU cost of the embedded node in the peer benchmark
    /// (docs/BENCHMARKS.md). Nothing in memory outlives the process, so Orleans's binary codec is used.
    /// </summary>
    public static void BinaryStateInMemory(Microsoft.Extensions.Options.OptionsBuilder<Orleans.Configuration.MemoryGrainStorageOptions> options) =>
        options.Configure<Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer));

    /// <summary>What every Actors silo has whatever backs its state: the grains' services, job streams, the dashboard.</summary>
    public static ISiloBuilder AddActorsCore(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddMemoryStreams(JobStreams.ProviderName, streams => streams.ConfigurePullingAgent(agent =>
            agent.Configure<Microsoft.Extensions.Options.IOptions<JobOptions>>((o, jobs) =>
            {
                o.GetQueueMsgsTimerPeriod = jobs.Value.EventDeliveryInterval;
                // Every look at a queue walks all the streams its agent has seen within this period; with
                // Orleans's 30 minutes, a busy silo's thousands of finished jobs' streams are walked 50 times a second.
                o.StreamInactivityPeriod = JobStreams.InactivityPeriod;
            })));
        silo.AddDashboard();
        silo.Services.AddHostedService<SiloDeathWatch>();
        // Whatever backs its state: a storage failure must reach the caller as itself (a 503), not a codec error.
        silo.Services.AddStorageExceptionSerialization();
        silo.AddActorsTelemetry(configuration);
        silo.Services.AddActorsGrainServices(configuration);
        return silo;
    }
}
