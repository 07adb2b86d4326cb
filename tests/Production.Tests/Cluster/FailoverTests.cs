using System.Diagnostics;
using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// A silo's death frees its run slots at once: the jobs it ran resume on the live silos as soon as
/// membership declares it dead, not at their watchdog's next tick (set here to 10 minutes, past the
/// test's bound, so only the membership path can bring them back). The time is printed, not asserted.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Jobs = 8;

    [Fact]
    public async Task The_jobs_of_a_killed_silo_run_again_once_it_is_declared_dead_without_waiting_for_their_watchdog()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var llm = await HeldLlm.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        var settings = llm.Settings(new Dictionary<string, string>
        {
            ["Actors__Queue__DefaultConcurrency"] = $"{Jobs}",
            ["Actors__Jobs__WatchdogPeriod"] = "00:10:00",
        });
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 2, settings);
        using var http = cluster.NewClient();
        var accepted = await JobLoad.SubmitAsync(http, Jobs, parallel: Jobs);
        // Every job runs, waiting at its narrative, on whichever silo holds it.
        await llm.UntilAskedAsync(Jobs);

        var clock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(cluster.Silos[0]);
        llm.Release();
        var statuses = await JobLoad.WaitForAllAsync(http, accepted, TimeSpan.FromMinutes(3));

        output.WriteLine($"SIGKILL of one of 2 silos with {Jobs} jobs running: all completed {clock.Elapsed.TotalSeconds:0.0} s after the kill (watchdog period 10 min)");
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        var (completed, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, Jobs);
        Assert.Equal((Jobs, 0L), (completed, duplicates));
    }
}
