using System.Collections.Concurrent;
using Actors.Tenants;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Auth;

/// <summary>
/// Last use of API keys, coalesced: a request only notes the time in memory; every
/// <see cref="AuthOptions.LastUsedFlushInterval"/> the node tells each used key's grain once (one-way),
/// and the grain persists at most once a minute. No storage write per request.
/// </summary>
public sealed class KeyUsage(IClusterClient cluster, IOptions<AuthOptions> options, TimeProvider time, ILogger<KeyUsage> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public void Record(string keyHash) => _pending[keyHash] = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.LastUsedFlushInterval > TimeSpan.Zero ? options.Value.LastUsedFlushInterval : TimeSpan.FromSeconds(30);
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        foreach (var hash in _pending.Keys)
        {
            if (!_pending.TryRemove(hash, out var at))
            {
                continue;
            }
            try
            {
                await cluster.GetGrain<IApiKey>(hash).RecordUse(at);
            }
            catch (Exception ex)
            {
                // Last use is informational: losing one report is better than failing anything.
                logger.LogDebug(ex, "Could not report an API key's last use");
            }
        }
    }
}
