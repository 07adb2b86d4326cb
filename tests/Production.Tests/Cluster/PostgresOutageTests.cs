using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// PostgreSQL goes away with jobs queued and running, and comes back: the jobs stall and then all
/// complete once, and a submit during the outage is told 503 (retry) rather than accepted into nowhere.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutageTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Jobs = 60;

    [Fact]
    public async Task JobsStallWhilePostgresIsDownThenAllCompleteOnceAndASubmitMeanwhileIsRefusedWith503()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var llm = await HeldLlm.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        // One job of the tenant runs at a time and it waits at its narrative, so the rest are queued when PostgreSQL stops.
        var settings = llm.Settings(new Dictionary<string, string> { ["Actors__Queue__DefaultConcurrency"] = "1" });
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 2, settings);
        using var http = cluster.NewClient();
        var accepted = await JobLoad.SubmitAsync(http, Jobs, parallel: 8);
        await llm.UntilAskedAsync();

        await postgres.StopAsync();
        // Statuses are read from the jobs' activations, so they answer while PostgreSQL is down.
        var unfinishedAtOutage = await CountUnfinishedAsync(http, accepted);
        // The running job gets its narrative now and must save it, and everything after it, during the outage.
        llm.Release();
        HttpStatusCode duringOutage;
        string body;
        string? retryAfter;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyses")
            {
                Content = JsonContent.Create(new { type = "data_interpretation", csv = "x,y\n1,2\n2,4\n3,7\n" }),
            };
            request.Headers.Add("Idempotency-Key", "during-outage");
            using var response = await http.SendAsync(request);
            duringOutage = response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
            retryAfter = response.Headers.RetryAfter?.ToString();
        }
        finally
        {
            await postgres.StartAgainAsync();
        }
        var retried = await JobLoad.SubmitOneAsync(http, "during-outage");
        var statuses = await JobLoad.WaitForAllAsync(http, [.. accepted, retried], TimeSpan.FromMinutes(4));
        var (completedJobs, duplicates) = await CompletionLedger.ReadWhenAsync(database, cluster.ServiceId, Jobs + 1);
        // The job list is PostgreSQL's read model in production: every job is in it once, completed.
        var listed = await Poll.UntilAsync(() => http.GetFromJsonAsync<JsonElement>("/api/v1/analyses?status=completed&per_page=1"),
            page => page.GetProperty("total").GetInt32() >= Jobs + 1, TimeSpan.FromSeconds(30), "the job list to show every job completed",
            page => page.GetProperty("total").ToString());

        output.WriteLine($"PostgreSQL outage: {unfinishedAtOutage} of {Jobs} jobs unfinished when it stopped; submit meanwhile: {(int)duringOutage} {body}; " +
            $"{completedJobs} in the ledger, {duplicates} completed twice");
        if (duringOutage != HttpStatusCode.ServiceUnavailable)
        {
            output.WriteLine(cluster.Logs());
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage);
        Assert.Equal("service_unavailable", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.Equal("5", retryAfter);
        Assert.Equal(Jobs, unfinishedAtOutage);
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));
        Assert.Equal(Jobs + 1, completedJobs);
        Assert.Equal(0, duplicates);
        Assert.Equal(Jobs + 1, listed.GetProperty("total").GetInt32());
        Assert.Equal(Jobs + 1, await Sql.ScalarAsync<long>(database, $"SELECT count(*) FROM actors_jobs WHERE service_id = '{cluster.ServiceId}'"));
        // So is the audit log: every accepted submit is a row (the one refused during the outage may be too, as an error).
        var audited = await Poll.UntilAsync(
            () => Sql.ScalarAsync<long>(database, $"SELECT count(*) FROM actors_audit WHERE service_id = '{cluster.ServiceId}' AND action = 'analysis.submit' AND status = 202"),
            count => count >= Jobs + 1, TimeSpan.FromSeconds(30), "the audit log to hold every accepted submit");
        Assert.True(audited >= Jobs + 1);
        var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=analysis.submit&limit=5");
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
    }

    private static async Task<int> CountUnfinishedAsync(HttpClient http, IReadOnlyList<string> jobIds)
    {
        var statuses = await Task.WhenAll(jobIds.Select(async id =>
            (await http.GetFromJsonAsync<JsonElement>($"/api/v1/analyses/{id}")).GetProperty("status").GetString()));
        return statuses.Count(s => s is "queued" or "running");
    }
}
