using System.Diagnostics;
using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// Fault tests on a cluster of real processes over real PostgreSQL and Redis: whatever a silo does
/// (dies by SIGKILL, stops by SIGTERM), every accepted job completes, and none completes twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloFailureTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Jobs = 200;

    [Fact]
    public async Task EveryAcceptedJobCompletesExactlyOnceWhenASiloIsKilled()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 3);
        using var http = cluster.NewClient();

        var killedAt = Stopwatch.StartNew();
        var victim = cluster.Silos[1];
        var accepted = await JobLoad.SubmitAsync(http, Jobs, parallel: 16, afterEach: async i =>
        {
            if (i == Jobs / 3)
            {
                await cluster.KillSiloAsync(victim);
                killedAt.Restart();
            }
        });
        var statuses = await WaitOrExplainAsync(cluster, http, accepted);
        var recovery = killedAt.Elapsed;

        var (completedJobs, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, Jobs);
        output.WriteLine($"SIGKILL: {accepted.Count} accepted, {statuses.Values.Count(s => s == "completed")} completed, " +
            $"{completedJobs} in the ledger, {duplicates} completed twice; all done {recovery.TotalSeconds:0.0} s after the kill");
        Assert.True(victim.HasExited, "the killed silo is gone");
        Assert.Equal(Jobs, accepted.Distinct().Count());
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        Assert.Equal(Jobs, completedJobs);
        Assert.Equal(0, duplicates);
    }

    [Fact]
    public async Task EveryAcceptedJobCompletesExactlyOnceWhenASiloStopsGracefully()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 3);
        using var http = cluster.NewClient();

        var stopping = Task.CompletedTask;
        var accepted = await JobLoad.SubmitAsync(http, Jobs, parallel: 16, afterEach: i =>
        {
            if (i == Jobs / 3)
            {
                stopping = cluster.StopSiloAsync(cluster.Silos[2]);
            }
            return Task.CompletedTask;
        });
        await stopping;
        var statuses = await WaitOrExplainAsync(cluster, http, accepted);

        var (completedJobs, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, Jobs);
        output.WriteLine($"SIGTERM: {accepted.Count} accepted, {completedJobs} in the ledger, {duplicates} completed twice");
        Assert.True(cluster.Silos[2].ExitCode == 0, $"The stopped silo exited with {cluster.Silos[2].ExitCode}. Its output:\n{cluster.Silos[2].Output}");
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        Assert.Equal(Jobs, completedJobs);
        Assert.Equal(0, duplicates);
    }

    private static async Task<IReadOnlyDictionary<string, string>> WaitOrExplainAsync(ActorsCluster cluster, HttpClient http, IReadOnlyList<string> accepted)
    {
        try
        {
            return await JobLoad.WaitForAllAsync(http, accepted, TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nNode output:\n{cluster.Logs()}", ex);
        }
    }
}
