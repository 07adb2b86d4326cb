using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Api.Hosting;

/// <summary>
/// A readiness check that asks its dependency at most once per <see cref="CacheFor"/>: load
/// balancers probe often, and the probes must not become load on PostgreSQL, Redis or the cluster.
/// Each probe has a short timeout, so a hung dependency reads as unhealthy rather than hanging /health/ready.
/// </summary>
public abstract class CachedHealthCheck : IHealthCheck
{
    protected static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _probing = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_last is { } fresh && DateTimeOffset.UtcNow - fresh.At < CacheFor)
        {
            return fresh.Result;
        }
        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } justProbed && DateTimeOffset.UtcNow - justProbed.At < CacheFor)
            {
                return justProbed.Result;
            }
            HealthCheckResult result;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ProbeTimeout);
                result = await ProbeAsync(timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                result = HealthCheckResult.Unhealthy($"{Dependency} did not answer within {ProbeTimeout.TotalSeconds} s", ex);
            }
            _last = (result, DateTimeOffset.UtcNow);
            return result;
        }
        finally
        {
            _probing.Release();
        }
    }

    /// <summary>What is probed, for messages.</summary>
    protected abstract string Dependency { get; }

    protected abstract Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken);
}
