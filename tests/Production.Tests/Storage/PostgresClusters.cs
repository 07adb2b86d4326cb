using Actors.Jobs;
using Actors.Silo;
using Actors.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Actors.Production.Tests.Storage;

/// <summary>
/// In-process test clusters whose grain state and stream subscriptions live in PostgreSQL through
/// <see cref="PostgresStorage.AddActorsPostgresStorage"/>: what a production silo stores, minus
/// Redis (membership is the test host's, reminders in memory).
/// </summary>
public static class PostgresClusters
{
    /// <param name="connectionString">A database the migrations have been applied to.</param>
    /// <param name="serviceId">Scopes the stored rows: a cluster started later with the same id sees the same state.</param>
    /// <param name="configure">Extra settings and services, e.g. the production stores that <c>AddActorsProduction</c> adds.</param>
    public static async Task<InProcessTestCluster> StartAsync(string connectionString, string serviceId,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
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

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddActorsPostgresStorage(connectionString);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            configure?.Invoke(silo.Services);
            silo.AddActorsCore(configuration);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(JobStreams.ProviderName));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A fresh database with the schema applied, and a service id of its own.</summary>
    public static async Task<(string ConnectionString, string ServiceId)> NewStoreAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await SchemaMigrator.FromEmbeddedScripts().ApplyAsync(connectionString);
        return (connectionString, "actors-test-" + Guid.NewGuid().ToString("N")[..8]);
    }
}
