using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>The whole cluster stops with jobs queued and running, and starts again: every job resumes and completes once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterRestartTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public Task QueuedAndRunningJobsResumeAfterTheWholeClusterRestarts() =>
        RestartWithJobsInFlightAsync(jobs: 30, silos: 2, new Dictionary<string, string>());

    /// <summary>
    /// <c>Actors:Cluster:ApiHostsSilo</c>: one process serves the API and runs the grains, on PostgreSQL
    /// and Redis like any production silo, and is as durable.
    /// </summary>
    [Fact]
    public Task AnApiNodeHostingASiloCompletesEveryJobOnceAcrossARestart() =>
        RestartWithJobsInFlightAsync(jobs: 20, silos: 0, new Dictionary<string, string> { ["Actors__Cluster__ApiHostsSilo"] = "true" });

    private async Task RestartWithJobsInFlightAsync(int jobs, int silos, Dictionary<string, string> settings)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var llm = await HeldLlm.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        // One job of the tenant runs at a time and it waits at its narrative, so the rest are queued when the cluster stops.
        settings["Actors__Queue__DefaultConcurrency"] = "1";
        // The job grain logs when a stopping silo pauses it.
        settings["Serilog__MinimumLevel__Override__Actors.Jobs.AnalysisJobGrain"] = "Information";
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos, llm.Settings(settings));
        IReadOnlyList<string> accepted;
        using (var http = cluster.NewClient())
        {
            accepted = await JobLoad.SubmitAsync(http, jobs, parallel: 8);
        }
        await llm.UntilAskedAsync();
        var (finishedBeforeStop, _) = await CompletionLedger.ReadAsync(database, cluster.ServiceId);

        await cluster.StopApiAsync();
        foreach (var silo in cluster.Silos.ToList())
        {
            await cluster.StopSiloAsync(silo);
        }
        var stopped = cluster.Logs();
        llm.Release();
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }
        await cluster.StartApiAsync();
        using var restarted = cluster.NewClient();
        var statuses = await JobLoad.WaitForAllAsync(restarted, accepted, TimeSpan.FromMinutes(3));

        var (completed, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, jobs);
        output.WriteLine($"restart ({silos} silos, API hosts a silo: {settings.ContainsKey("Actors__Cluster__ApiHostsSilo")}): " +
            $"{accepted.Count} accepted, {finishedBeforeStop} completed before the stop, {completed} after, {duplicates} twice");
        Assert.Equal(0, finishedBeforeStop);
        // The running job gave way to the stop (rather than holding it until the host's shutdown timeout).
        Assert.Contains("paused: its silo is stopping", stopped, StringComparison.Ordinal);
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        Assert.Equal(jobs, completed);
        Assert.Equal(0, duplicates);
    }
}
