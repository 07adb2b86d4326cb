using System.Net;
using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>Readiness follows Redis, and the cluster and the jobs in flight recover when Redis comes back with its AOF.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DependencyOutageTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int InFlight = 40;

    [Fact]
    public async Task ReadinessFailsWhileRedisIsDownAndJobsInFlightCompleteOnceWhenItReturns()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 2);
        using var http = cluster.NewClient();
        // In flight when Redis goes: membership, reminders and the watchdogs live there.
        var inFlight = await JobLoad.SubmitAsync(http, InFlight, parallel: 8);

        await redis.StopAsync();
        var down = await ReadinessAsync(cluster, HttpStatusCode.ServiceUnavailable, "readiness to fail while Redis is down");
        await redis.RestartAsync();
        var up = await ReadinessAsync(cluster, HttpStatusCode.OK, "readiness to recover once Redis is back");
        var after = await JobLoad.SubmitOneAsync(http, "after-outage");
        var statuses = await JobLoad.WaitForAllAsync(http, [.. inFlight, after], TimeSpan.FromMinutes(3));

        output.WriteLine($"readiness while Redis was down: {down}; after: {up}");
        Assert.Contains("Unhealthy", down);
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        var (jobs, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, InFlight + 1);
        Assert.Equal(InFlight + 1, jobs);
        Assert.Equal(0, duplicates);
    }

    private static async Task<string> ReadinessAsync(ActorsCluster cluster, HttpStatusCode expected, string what)
    {
        var (status, body) = await Poll.UntilAsync(cluster.ReadinessAsync, ready => ready.Status == expected, TimeSpan.FromSeconds(60), what);
        return $"{(int)status} {body}";
    }
}
