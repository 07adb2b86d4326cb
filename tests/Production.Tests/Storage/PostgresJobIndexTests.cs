using Actors.Jobs;
using Actors.Silo.Storage;
using Npgsql;

namespace Actors.Production.Tests.Storage;

/// <summary>The production job list: one row per job in PostgreSQL, newest snapshot wins, paginated and filtered by the database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJobIndexTests(PostgresServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static JobSnapshot Job(string id, int minute, JobStatus status = JobStatus.Queued, string type = "data_interpretation", long sequence = 1) =>
        new(id, type, status, JobPriority.Normal, status == JobStatus.Completed ? 100 : 0, null, 0, Start.AddMinutes(minute), null,
            status.IsTerminal() ? Start.AddMinutes(minute + 1) : null, null, sequence);

    private async Task<(PostgresJobIndex Index, NpgsqlDataSource Source)> NewIndexAsync()
    {
        var database = await server.CreateDatabaseAsync();
        await SchemaMigrator.FromEmbeddedScripts().ApplyAsync(database);
        var source = NpgsqlDataSource.Create(database);
        return (new PostgresJobIndex(source, "svc"), source);
    }

    [Fact]
    public async Task A_newer_snapshot_replaces_an_older_one_and_never_the_reverse()
    {
        var (index, source) = await NewIndexAsync();
        await using var _ = source;

        await index.SaveAsync("acme", [Job("job-a", 0, JobStatus.Queued, sequence: 1)]);
        await index.SaveAsync("acme", [Job("job-a", 0, JobStatus.Completed, sequence: 5)]);
        await index.SaveAsync("acme", [Job("job-a", 0, JobStatus.Running, sequence: 3)]);

        var page = await index.ListAsync("acme", 1, 10, null, null);
        var job = Assert.Single(page.Items);
        Assert.Equal((JobStatus.Completed, 5L, 100), (job.Status, job.LastSequence, job.Progress));
        Assert.Equal(Start.AddMinutes(1), job.CompletedAt);
    }

    [Fact]
    public async Task Pages_are_newest_first_filtered_counted_and_per_tenant()
    {
        var (index, source) = await NewIndexAsync();
        await using var _ = source;
        await index.SaveAsync("acme", Enumerable.Range(0, 7).Select(i => Job($"job-{i}", i, i % 2 == 0 ? JobStatus.Completed : JobStatus.Queued,
            i < 5 ? "data_interpretation" : "trend_analysis")).ToList());
        await index.SaveAsync("other", [Job("job-x", 30)]);

        var first = await index.ListAsync("acme", 1, 3, null, null);
        var third = await index.ListAsync("acme", 3, 3, null, null);
        var beyond = await index.ListAsync("acme", 9, 3, null, null);
        var completed = await index.ListAsync("acme", 1, 10, JobStatus.Completed, null);
        var trends = await index.ListAsync("acme", 1, 10, null, "trend_analysis");

        Assert.Equal(["job-6", "job-5", "job-4"], first.Items.Select(j => j.JobId));
        Assert.Equal(7, first.Total);
        Assert.Equal(["job-0"], third.Items.Select(j => j.JobId));
        Assert.Empty(beyond.Items);
        Assert.Equal(7, beyond.Total);
        Assert.Equal(["job-6", "job-4", "job-2", "job-0"], completed.Items.Select(j => j.JobId));
        Assert.Equal(4, completed.Total);
        Assert.Equal(["job-6", "job-5"], trends.Items.Select(j => j.JobId));
        Assert.DoesNotContain(first.Items.Concat(completed.Items), j => j.JobId == "job-x");
    }

    [Fact]
    public async Task Retention_forgets_only_the_tenants_finished_jobs_last_changed_before_the_cutoff()
    {
        var (index, source) = await NewIndexAsync();
        await using var _ = source;
        await index.SaveAsync("acme", [Job("done", 0, JobStatus.Completed), Job("waiting", 1, JobStatus.Queued)]);
        await index.SaveAsync("other", [Job("done-elsewhere", 0, JobStatus.Completed)]);

        var forgotten = await index.ForgetFinishedBeforeAsync("acme", DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal(1, forgotten);
        Assert.Equal(["waiting"], (await index.ListAsync("acme", 1, 10, null, null)).Items.Select(j => j.JobId));
        Assert.Single((await index.ListAsync("other", 1, 10, null, null)).Items);
    }
}
