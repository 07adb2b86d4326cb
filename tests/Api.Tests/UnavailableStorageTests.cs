using Actors.Api.Tests.Logging;
using Actors.Jobs;
using Actors.Silo;
using Actors.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using Serilog.Events;

namespace Actors.Api.Tests;

/// <summary>
/// A storage outage is a 503 to retry, not a 500: the real PostgreSQL and Redis clients, pointed at a
/// port nothing listens on, fail as they do when their server is down.
/// </summary>
public sealed class UnavailableStorageTests
{
    [Fact]
    public async Task The_job_list_with_postgres_down_is_503_with_retry_after_logged_once_at_warning_with_its_cause()
    {
        var log = new CapturedLog();
        await using var database = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={TestNode.FreePorts(1)[0]};Username=actors;Password=x;Timeout=2");
        var key = TestNode.NewKey();
        await using var node = await TestNode.StartAsync(
            [$"--ACTORS_DEV_API_KEY={key}", "--Serilog:MinimumLevel:Default=Information"],
            builder =>
            {
                builder.Services.AddSingleton<ILogEventSink>(log);
                builder.Services.AddSingleton<IJobIndex>(new PostgresJobIndex(database, "svc"));
            });
        using var client = node.NewClient(key, Wait.Timeout);

        using var response = await client.GetAsync(ApiCalls.Analyses);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        var completion = await log.RequestCompletionAsync(requestId);
        Assert.Equal(LogEventLevel.Warning, completion.Level);
        Assert.IsAssignableFrom<NpgsqlException>(completion.Exception);
        var ofTheRequest = log.Events.Where(e => CapturedLog.Scalar(e, "RequestId") == requestId).ToList();
        Assert.DoesNotContain(ofTheRequest, e => e.Level >= LogEventLevel.Error);
        Assert.Single(ofTheRequest, e => e.Exception is not null);
    }

    [Fact]
    public async Task Storage_and_cluster_failures_are_outages_and_other_faults_are_not()
    {
        var closed = TestNode.FreePorts(1)[0];
        var postgres = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={closed};Username=actors;Password=x;Timeout=2");
            await connection.OpenAsync();
        });
        var redis = await Assert.ThrowsAnyAsync<StackExchange.Redis.RedisException>(() =>
            StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{closed},abortConnect=true,connectTimeout=2000"));
        var wrapped = new Orleans.Storage.InconsistentStateException("stored state changed", "a", "b");
        var fault = new InvalidOperationException("a bug");

        Assert.Same(postgres, postgres.UnavailableCause());
        Assert.Same(redis, redis.UnavailableCause());
        Assert.Same(postgres, new Orleans.Runtime.OrleansException("storage failed", postgres).UnavailableCause());
        Assert.Same(redis, new AggregateException(fault, redis).UnavailableCause());
        Assert.Same(wrapped, wrapped.UnavailableCause());
        var cancelled = new OperationCanceledException("the directory cancelled a lookup");
        Assert.Same(cancelled, new Orleans.Runtime.OrleansException("placement failed", cancelled).UnavailableCause());
        Assert.Null(fault.UnavailableCause());
        Assert.Null(new ArgumentException("bad", fault).UnavailableCause());
    }
}
