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
        var down = await ReadinessAsync(http, HttpStatusCode.ServiceUnavailable, "readiness to fail while Redis is down");
        await redis.RestartAsync();
        var up = await ReadinessAsync(http, HttpStatusCode.OK, "readiness to recover once Redis is back");
        var after = await JobLoad.SubmitOneAsync(http, "after-outage");
        var statuses = await JobLoad.WaitForAllAsync(http, [after], TimeSpan.FromMinutes(2));

        output.WriteLine($"readiness while Redis was down: {down}; after: {up}");
        Assert.Contains("Unhealthy", down);
        Assert.Equal("completed", statuses[after]);
        var (jobs, duplicates) = await CompletionLedger.ReadAsync(database, cluster.ServiceId);
        Assert.Equal(2, jobs);
        Assert.Equal(0, duplicates);
    }

    private static async Task<string> ReadinessAsync(HttpClient http, HttpStatusCode expected, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == expected)
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Timed out after 60 s waiting for {what}; last answer: {last}");
    }
}
