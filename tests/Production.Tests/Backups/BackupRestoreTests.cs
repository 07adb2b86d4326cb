using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Production.Tests.Cluster;
using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Backups;

/// <summary>
/// deploy/backup.sh while jobs run, the cluster lost (its silos, its API and its Redis), deploy/restore.sh
/// into a fresh PostgreSQL server, a new cluster on it: what had completed is there with its report, and
/// every job in flight at backup time completes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BackupRestoreTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Finished = 12;
    private const int InFlight = 16;

    [Fact]
    public async Task ARestoredBackupHasEveryFinishedJobsReportAndCompletesEveryJobInFlight()
    {
        var backups = Directory.CreateTempSubdirectory("actors-backups-").FullName;
        await using var llm = await HeldLlm.StartAsync();
        llm.Release();
        // Two run slots: with the LLM held, two jobs wait at their narrative (running) and the rest are queued.
        var settings = llm.Settings(new Dictionary<string, string>
        {
            ["Actors__Queue__DefaultConcurrency"] = "2",
            // Every job has the same data: with the response cache, only the first would ever ask (and be held).
            ["Actors__Llm__CacheTtl"] = "00:00:00",
        });
        var database = await postgres.CreateDatabaseAsync();

        ClusterIdentity identity;
        IReadOnlyList<string> finished, inFlight;
        List<string> duringBackup = [];
        string backup;
        TimeSpan backupTook;
        await using (var redis = await RedisServer.StartAsync())
        await using (var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 2, settings))
        {
            identity = cluster.Identity;
            using var http = cluster.NewClient();
            finished = await JobLoad.SubmitAsync(http, Finished, parallel: 4);
            var done = await JobLoad.WaitForAllAsync(http, finished, TimeSpan.FromMinutes(3));
            Assert.All(done, s => Assert.Equal("completed", s.Value));

            var askedBefore = llm.Asked;
            llm.Hold();
            inFlight = await JobLoad.SubmitAsync(http, InFlight, parallel: 4, batch: "in-flight");
            await llm.UntilAskedAsync(askedBefore + 1);

            // Jobs keep arriving while pg_dump reads: the backup is taken from a database being written.
            using var submitting = new CancellationTokenSource();
            var submitter = Task.Run(async () =>
            {
                for (var i = 0; !submitting.IsCancellationRequested; i++)
                {
                    duringBackup.Add(await JobLoad.SubmitOneAsync(http, $"during-{i}"));
                }
            });
            var clock = Stopwatch.StartNew();
            var (exit, said) = await DeployScript.RunAsync("backup.sh", [], new Dictionary<string, string>(DeployScript.LibpqFor(database))
            {
                ["ACTORS_BACKUP_DIR"] = backups,
            });
            backupTook = clock.Elapsed;
            await submitting.CancelAsync();
            await submitter;
            Assert.True(exit == 0, $"backup.sh exited {exit}:\n{said}");
            output.WriteLine(said.Trim());
            backup = Assert.Single(Directory.GetFiles(backups, "actors-*.dump"));
            Assert.True(File.Exists(backup + ".sha256"), "backup.sh writes a checksum beside the backup");
            // The disaster: every node and Redis go, with the jobs still held.
        }

        await using var fresh = new PostgresServer();
        await fresh.InitializeAsync();
        var restoreClock = Stopwatch.StartNew();
        var (restored, restoreSaid) = await DeployScript.RunAsync("restore.sh", [backup, "restored"], DeployScript.LibpqFor(fresh.ConnectionString));
        var restoreTook = restoreClock.Elapsed;
        Assert.True(restored == 0, $"restore.sh exited {restored}:\n{restoreSaid}");
        output.WriteLine(restoreSaid.Trim());
        var restoredDatabase = new Npgsql.NpgsqlConnectionStringBuilder(fresh.ConnectionString) { Database = "restored" }.ConnectionString;
        // A second restore into the same, now full, database is refused rather than mixed in.
        var (again, againSaid) = await DeployScript.RunAsync("restore.sh", [backup, "restored"], DeployScript.LibpqFor(fresh.ConnectionString));
        Assert.True(again == 2, $"restore.sh into a database with tables should exit 2, exited {again}:\n{againSaid}");

        llm.Release();
        await using var newRedis = await RedisServer.StartAsync();
        var started = Stopwatch.StartNew();
        await using var onRestored = await ActorsCluster.StartAsync(restoredDatabase, newRedis.ConnectionString, silos: 2, settings, identity);
        using var client = onRestored.NewClient();

        foreach (var job in finished)
        {
            using var result = await client.GetAsync($"/api/v1/analyses/{job}/result");
            Assert.True(result.StatusCode == HttpStatusCode.OK, $"job {job}, completed before the backup, answers {(int)result.StatusCode} for its result after the restore");
            var report = await result.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(job, report.GetProperty("job_id").GetString());
            Assert.True(report.GetProperty("findings").GetArrayLength() > 0, $"job {job}'s restored report has findings");
        }
        // Jobs accepted while pg_dump ran are in the backup or not, by when its snapshot was taken; those in it complete too.
        var stored = (await Sql.QueryAsync(restoredDatabase,
            $"SELECT grain_key_ext FROM actors_grain_state WHERE state_name = 'analysis-job' AND service_id = '{identity.ServiceId}'",
            r => r.GetString(0))).ToHashSet(StringComparer.Ordinal);
        var known = duringBackup.Where(job => stored.Contains($"demo/{job}")).ToList();
        var expected = Finished + InFlight + known.Count;
        // Read from the database, not through the API: asking a job for its status would wake it, and
        // what is tested is that the restored cluster wakes them by itself.
        var (completed, duplicates) = await CompletionLedger.ReadWhenAsync(restoredDatabase, identity.ServiceId, expected);
        var recoveryTook = started.Elapsed;
        var statuses = await JobLoad.WaitForAllAsync(client, [.. inFlight, .. known], TimeSpan.FromMinutes(1));
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        var recovered = await Sql.QueryAsync(restoredDatabase,
            $"SELECT jobs FROM actors_restore_recoveries WHERE service_id = '{identity.ServiceId}'", r => r.GetInt32(0));

        output.WriteLine($"backup: {new FileInfo(backup).Length:N0} bytes in {backupTook.TotalSeconds:0.0} s while {InFlight} jobs were in flight " +
            $"(2 running, held at their narrative; {duringBackup.Count} more submitted meanwhile, {known.Count} of them in the backup)");
        output.WriteLine($"restore into a fresh server: {restoreTook.TotalSeconds:0.0} s; new cluster (2 silos, API, empty Redis) from start " +
            $"to the last in-flight job completed: {recoveryTook.TotalSeconds:0.0} s");
        output.WriteLine($"after the restore: {Finished} finished jobs with their reports, {InFlight} in-flight jobs completed, " +
            $"ledger {completed} jobs ({duplicates} twice), re-armed after the restore: {string.Join(", ", recovered)} job(s)");
        Assert.Equal(expected, completed);
        Assert.Equal(0, duplicates);
        // One recovery, of exactly the jobs in flight in the backup.
        Assert.Equal(InFlight + known.Count, Assert.Single(recovered));
        Directory.Delete(backups, recursive: true);
    }
}
