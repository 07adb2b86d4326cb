using System.Net;
using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>Readiness follows PostgreSQL and Redis, and the cluster recovers when Redis comes back with its AOF.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DependencyOutageTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task ReadinessFailsWhileRedisIsDownAndTheClusterRecoversWhenItReturns()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 2);
        using var http = cluster.NewClient();
        var before = await JobLoad.SubmitOneAsync(http, "before-outage");
        await JobLoad.WaitForAllAsync(http, [before], TimeSpan.FromMinutes(1));

        await redis.StopAsync();
        var down = await ReadinessAsync(cluster, HttpStatusCode.ServiceUnavailable, "readiness to fail while Redis is down");
        await redis.RestartAsync();
        var up = await ReadinessAsync(cluster, HttpStatusCode.OK, "readiness to recover once Redis is back");
        var after = await JobLoad.SubmitOneAsync(http, "after-outage");
        var statuses = await JobLoad.WaitForAllAsync(http, [after], TimeSpan.FromMinutes(2));

        output.WriteLine($"readiness while Redis was down: {down}; after: {up}");
        Assert.Contains("Unhealthy", down);
        Assert.Equal("completed", statuses[after]);
        var (jobs, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, 2);
        Assert.Equal(2, jobs);
        Assert.Equal(0, duplicates);
    }

    private static async Task<string> ReadinessAsync(ActorsCluster cluster, HttpStatusCode expected, string what)
    {
        var (status, body) = await Poll.UntilAsync(cluster.ReadinessAsync, ready => ready.Status == expected, TimeSpan.FromSeconds(60), what);
        return $"{(int)status} {body}";
    }
}
