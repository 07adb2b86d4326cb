using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>The whole cluster stops with jobs queued and running, and starts again: every job resumes and completes once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterRestartTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Jobs = 30;

    [Fact]
    public async Task QueuedAndRunningJobsResumeAfterTheWholeClusterRestarts()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        // One job of the tenant runs at a time, so most are still queued when the cluster stops.
        var settings = new Dictionary<string, string> { ["Actors__Queue__DefaultConcurrency"] = "1" };
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 2, settings);
        IReadOnlyList<string> accepted;
        using (var http = cluster.NewClient())
        {
            accepted = await JobLoad.SubmitAsync(http, Jobs, parallel: 8);
        }
        var (finishedBeforeStop, _) = await CompletionLedger.ReadAsync(database, cluster.ServiceId);

        await cluster.StopApiAsync();
        foreach (var silo in cluster.Silos.ToList())
        {
            await cluster.StopSiloAsync(silo);
        }
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.StartApiAsync();
        using var restarted = cluster.NewClient();
        var statuses = await JobLoad.WaitForAllAsync(restarted, accepted, TimeSpan.FromMinutes(3));

        var (completed, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, Jobs);
        output.WriteLine($"restart: {accepted.Count} accepted, {finishedBeforeStop} completed before the stop, {completed} after, {duplicates} twice");
        Assert.True(finishedBeforeStop < Jobs, "some jobs were still queued or running when the cluster stopped");
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        Assert.Equal(Jobs, completed);
        Assert.Equal(0, duplicates);
    }
}
