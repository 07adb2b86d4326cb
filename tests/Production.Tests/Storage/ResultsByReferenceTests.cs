using Actors.Jobs;
using Actors.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Actors.Production.Tests.Storage;

/// <summary>
/// A report over the inline limit lives in <c>actors_job_results</c> and the job's state only says so;
/// reading the result brings it back whole, and once retention removed it the result says it expired.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ResultsByReferenceTests(PostgresServer server)
{
    private const string Csv = "x,y,region\n1,2,north\n2,4,south\n3,7,north\n4,8,east\n5,11,south\n";

    [Fact]
    public async Task ALargeReportIsStoredByReferenceReadBackWholeAndExpiresWithRetention()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        var (tenant, jobId) = ("t" + Guid.NewGuid().ToString("N")[..12], "job_" + Guid.NewGuid().ToString("N"));
        await using var source = NpgsqlDataSource.Create(database);
        await using var cluster = await PostgresClusters.StartAsync(database, serviceId,
            new Dictionary<string, string?> { ["Actors:Jobs:InlineResultLimitBytes"] = "1" },
            services => services.AddSingleton<IResultStore>(new PostgresResultStore(source, serviceId)));
        var job = cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));

        await job.Submit(new AnalysisRequest("data_interpretation", null, Csv, null, new Dictionary<string, string>(), JobPriority.Normal, null, "k"));
        Assert.Equal(JobStatus.Completed, (await JobWaits.Terminal(job)).Status);
        var result = await job.GetResult();

        Assert.False(result!.Expired);
        Assert.Contains("\"findings\"", result.ReportJson);
        Assert.Equal(result.ReportJson, await Sql.ScalarAsync<string>(database,
            $"SELECT report FROM actors_job_results WHERE service_id = '{serviceId}' AND job_id = '{jobId}'"));
        var state = await Sql.ScalarAsync<string>(database,
            $"SELECT convert_from(payload, 'UTF8') FROM actors_grain_state WHERE service_id = '{serviceId}' AND state_name = 'analysis-job' AND grain_key_ext LIKE '%{jobId}'");
        var stateHoldsReport = state.Contains("provenance", StringComparison.Ordinal);
        Assert.Contains(jobId, state);
        Assert.False(stateHoldsReport, "the job's state should hold a reference, not the report");

        var forgotten = await new PostgresResultStore(source, serviceId).ForgetBeforeAsync(tenant, DateTimeOffset.UtcNow.AddMinutes(1));
        var expired = await job.GetResult();

        Assert.Equal(1, forgotten);
        Assert.True(expired!.Expired);
        Assert.Null(expired.ReportJson);
        Assert.Equal(JobStatus.Completed, expired.Job.Status);
    }

    [Fact]
    public async Task SavingAReportAgainReplacesItAndForgettingIsPerTenant()
    {
        var database = await server.CreateDatabaseAsync();
        await SchemaMigrator.FromEmbeddedScripts().ApplyAsync(database);
        await using var source = NpgsqlDataSource.Create(database);
        var store = new PostgresResultStore(source, "svc");
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        await store.SaveAsync("acme", "job-1", "{\"v\":1}", at);
        await store.SaveAsync("acme", "job-1", "{\"v\":2}", at);
        await store.SaveAsync("other", "job-1", "{\"v\":3}", at);
        var forgotten = await store.ForgetBeforeAsync("acme", at.AddDays(1));

        Assert.Equal(1, forgotten);
        Assert.Null(await store.LoadAsync("acme", "job-1"));
        Assert.Equal("{\"v\":3}", await store.LoadAsync("other", "job-1"));
    }
}
