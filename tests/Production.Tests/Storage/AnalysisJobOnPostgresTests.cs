using System.Collections.Concurrent;
using Actors.Jobs;
using Orleans;
using Orleans.Streams;

namespace Actors.Production.Tests.Storage;

/// <summary>A real analysis job on PostgreSQL-backed grain state, and what a full cluster restart keeps.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AnalysisJobOnPostgresTests(PostgresServer server)
{
    private const string Csv = "x,y,region\n1,2,north\n2,4,south\n3,7,north\n4,8,east\n5,11,south\n";

    [Fact]
    public async Task ACompletedJobSurvivesAFullClusterRestartAndItsStreamCanBeSubscribedToAgain()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        var (tenant, jobId) = ("t" + Guid.NewGuid().ToString("N")[..12], "job_" + Guid.NewGuid().ToString("N"));

        JobResult before;
        JobEventPage eventsBefore;
        await using (var cluster = await PostgresClusters.StartAsync(database, serviceId))
        {
            // Subscribe first, as the SSE endpoint does.
            var heard = new ConcurrentQueue<JobEvent>();
            await JobStream(cluster.Client, tenant, jobId).SubscribeAsync((e, _) =>
            {
                heard.Enqueue(e);
                return Task.CompletedTask;
            });
            var job = cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));

            var outcome = await job.Submit(DataInterpretation());
            var final = await Eventually.Terminal(job);

            Assert.True(outcome.Created);
            Assert.Equal(JobStatus.Completed, final.Status);
            // Memory streams deliver from a pulling agent, after the job's own call returns: wait for the subscriber.
            await Poll.UntilAsync(() => Task.FromResult(heard.Count), count => count > 0, TimeSpan.FromSeconds(30), "the subscriber to hear the job's events");
            before = (await job.GetResult())!;
            eventsBefore = (await job.GetEvents(0))!;
        }

        await using (var restarted = await PostgresClusters.StartAsync(database, serviceId))
        {
            var job = restarted.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));

            var status = await job.GetStatus();
            var after = await job.GetResult();
            var eventsAfter = await job.GetEvents(0);
            // Stream subscriptions are kept in memory (each new job stream would cost a read and a write in
            // PostgreSQL): a new cluster starts the stream's pub-sub afresh, and subscribing still works.
            var resubscribed = await JobStream(restarted.Client, tenant, jobId).SubscribeAsync((_, _) => Task.CompletedTask);

            Assert.Equal(JobStatus.Completed, status!.Status);
            Assert.Equal(before.Job, after!.Job);
            Assert.NotNull(after.ReportJson);
            Assert.Equal(before.ReportJson, after.ReportJson);
            Assert.Equal(eventsBefore.Events, eventsAfter!.Events);
            Assert.Equal(0L, await Sql.ScalarAsync<long>(database,
                $"SELECT count(*) FROM actors_grain_state WHERE service_id = '{serviceId}' AND state_name = 'PubSubRendezvousGrain'"));
            await resubscribed.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task ASubmitUnderANewIdThatIsTakenAfterAllFindsTheRowAndAnswersWithTheStoredJob()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        await using var cluster = await PostgresClusters.StartAsync(database, serviceId);
        var key = JobKey.For("t" + Guid.NewGuid().ToString("N")[..12], "job_" + Guid.NewGuid().ToString("N"));
        var job = cluster.Client.GetGrain<IAnalysisJob>(key);
        var first = await job.SubmitNew(DataInterpretation());
        var final = await Eventually.Terminal(job);
        Task<int> Version() => Sql.ScalarAsync<int>(database,
            $"SELECT version FROM actors_grain_state WHERE service_id = '{serviceId}' AND state_name = 'analysis-job' AND grain_key_ext = '{key}'");
        var versionBefore = await Version();
        // Only the row is left: the activation that knew the job is gone, and a new one does not read before a SubmitNew.
        var management = cluster.Client.GetGrain<Orleans.Runtime.IManagementGrain>(0);
        await Poll.UntilAsync(async () =>
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            return await management.GetActivationAddress(job);
        }, address => address is null, TimeSpan.FromSeconds(30), "the job's activation to be collected");

        var again = await job.SubmitNew(DataInterpretation() with { Question = "another body under the same id" });

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(final, again.Job);
        // The insert found the row and changed nothing.
        Assert.Equal(versionBefore, await Version());
        Assert.Single((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Queued);
    }

    [Fact]
    public async Task AnotherServiceIdOnTheSameDatabaseDoesNotSeeTheJob()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        var key = JobKey.For("t" + Guid.NewGuid().ToString("N")[..12], "job_" + Guid.NewGuid().ToString("N"));
        await using (var cluster = await PostgresClusters.StartAsync(database, serviceId))
        {
            var job = cluster.Client.GetGrain<IAnalysisJob>(key);
            await job.Submit(DataInterpretation());
            await Eventually.Terminal(job);
        }

        await using var other = await PostgresClusters.StartAsync(database, serviceId + "-other");

        Assert.Null(await other.Client.GetGrain<IAnalysisJob>(key).GetStatus());
    }

    [Fact]
    public async Task AJobAdmittedFromTheQueueWritesItsStartStepsAndCompletionInOneWrite()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string?>
        {
            ["Actors:Bench:Enabled"] = "true",
            ["Actors:Queue:DefaultConcurrency"] = "1",
            // Long enough that only the completion writes what was staged, however slow the machine.
            ["Actors:Jobs:CheckpointInterval"] = "00:05:00",
        };
        await using var cluster = await PostgresClusters.StartAsync(database, serviceId, settings);
        var blocker = cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, "job_" + Guid.NewGuid().ToString("N")));
        var jobId = "job_" + Guid.NewGuid().ToString("N");
        var queued = cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));
        await blocker.Submit(BenchEcho(delayMs: 600_000));
        var waiting = await queued.Submit(BenchEcho(delayMs: 0));

        await blocker.Cancel();
        var final = await Eventually.Terminal(queued);

        Assert.Equal(JobStatus.Queued, waiting.Job.Status);
        Assert.Equal(JobStatus.Completed, final.Status);
        var events = (await queued.GetEvents(0))!.Events;
        Assert.Equal([JobEventKind.Queued, JobEventKind.Started, JobEventKind.Step, JobEventKind.Step, JobEventKind.Step, JobEventKind.Completed],
            events.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        // Version 1: queued, written before the submit returned. Version 2: everything from started to completed.
        Assert.Equal(2, await Sql.ScalarAsync<int>(database,
            $"SELECT version FROM actors_grain_state WHERE service_id = '{serviceId}' AND state_name = 'analysis-job' AND grain_key_ext = '{JobKey.For(tenant, jobId)}'"));
    }

    [Fact]
    public async Task AJobOnASiloThatStopsWritesItsStagedStepsAndGivesWayToTheStop()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        await using var llm = await Actors.Production.Tests.Cluster.HeldLlm.StartAsync();
        var settings = llm.Settings().ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        // Long enough that no step checkpoint is written before the stop, however slow the machine.
        settings["Actors:Jobs:CheckpointInterval"] = "00:05:00";
        await using var cluster = await PostgresClusters.StartAsync(database, serviceId, settings);
        var (tenant, jobId) = ("t" + Guid.NewGuid().ToString("N")[..12], "job_" + Guid.NewGuid().ToString("N"));
        var key = JobKey.For(tenant, jobId);
        Task<int> Version() => Sql.ScalarAsync<int>(database,
            $"SELECT version FROM actors_grain_state WHERE service_id = '{serviceId}' AND state_name = 'analysis-job' AND grain_key_ext = '{key}'");

        // Agent steps off: the narrative is the one LLM call, so every step is staged before it.
        await cluster.Client.GetGrain<IAnalysisJob>(key).Submit(DataInterpretation() with { Options = new Dictionary<string, string> { ["agents"] = "false" } });
        // Its steps are done and staged; it waits for its narrative, which the LLM holds.
        await llm.UntilAskedAsync();
        var beforeStop = await Version();
        await cluster.StopSiloAsync(cluster.Silos[0]);

        // Version 1: queued and started, written before the submit returned. Version 2: the staged steps, written as the activation went.
        Assert.Equal(1, beforeStop);
        Assert.Equal(2, await Version());
    }

    private static AnalysisRequest BenchEcho(int delayMs) =>
        new("bench_echo", null, Csv, null, new Dictionary<string, string> { ["delay_ms"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            JobPriority.Normal, null, Guid.NewGuid().ToString("N"));

    private static IAsyncStream<JobEvent> JobStream(IClusterClient client, string tenant, string jobId) =>
        client.GetStreamProvider(JobStreams.ProviderName).GetStream<JobEvent>(JobStreams.ForJob(tenant, jobId));

    private static AnalysisRequest DataInterpretation() =>
        new("data_interpretation", null, Csv, null, new Dictionary<string, string>(), JobPriority.Normal, null, Guid.NewGuid().ToString("N"));
}
