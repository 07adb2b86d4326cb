using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Actors.Api.Hosting;

/// <summary>Production mode: Redis (membership and reminders) answers PING.</summary>
public sealed class RedisHealthCheck(string connectionString) : CachedHealthCheck, IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _redis = new(() =>
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Keep retrying in the background: a Redis restart must not leave readiness failing for good.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)ProbeTimeout.TotalMilliseconds;
        return ConnectionMultiplexer.ConnectAsync(options);
    });

    protected override string Dependency => "Redis";

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var redis = await _redis.Value.WaitAsync(cancellationToken);
        var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy($"Redis answers PING in {latency.TotalMilliseconds:0.#} ms");
    }

    public void Dispose()
    {
        if (_redis.IsValueCreated && _redis.Value.IsCompletedSuccessfully)
        {
            _redis.Value.Result.Dispose();
        }
    }
}
