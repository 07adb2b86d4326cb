using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// <c>Actors:Cluster:ApiHostsSilo</c>: one process serves the API and runs the grains, on PostgreSQL
/// and Redis like any production silo. It is as durable: stopped with jobs queued and running, and
/// started again, it completes every accepted job exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiHostedSiloTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Jobs = 20;

    [Fact]
    public async Task AnApiNodeHostingASiloCompletesEveryJobOnceAcrossARestart()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["Actors__Cluster__ApiHostsSilo"] = "true",
            // One job at a time, so most are still queued when the node stops.
            ["Actors__Queue__DefaultConcurrency"] = "1",
        };
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 0, settings);
        IReadOnlyList<string> accepted;
        using (var http = cluster.NewClient())
        {
            accepted = await JobLoad.SubmitAsync(http, Jobs, parallel: 4);
        }
        var (finishedBeforeStop, _) = await CompletionLedger.ReadAsync(database, cluster.ServiceId);

        await cluster.StopApiAsync();
        await cluster.StartApiAsync();
        using var restarted = cluster.NewClient();
        var statuses = await JobLoad.WaitForAllAsync(restarted, accepted, TimeSpan.FromMinutes(3));

        var (completed, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, Jobs);
        output.WriteLine($"API-hosted silo: {accepted.Count} accepted, {finishedBeforeStop} completed before the stop, {completed} after, {duplicates} twice");
        Assert.True(finishedBeforeStop < Jobs, "some jobs were still queued or running when the node stopped");
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        Assert.Equal(Jobs, completed);
        Assert.Equal(0, duplicates);
    }
}
