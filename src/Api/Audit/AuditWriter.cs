using System.Threading.Channels;
using Actors.Audit;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Audit;

/// <summary>
/// The node's audit buffer: requests add entries without waiting (<see cref="Record"/>); a background
/// loop sends them, batched per tenant, to the tenants' <see cref="IAuditLog"/> grains. On a graceful
/// stop the buffer is drained before the co-hosted silo stops, so no recorded entry is lost.
/// </summary>
public sealed class AuditWriter(IClusterClient cluster, IOptions<AuditOptions> options, ILogger<AuditWriter> logger) : BackgroundService
{
    private readonly Channel<AuditEntry> _buffer = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Math.Max(1, options.Value.BufferCapacity)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    private readonly int _maxBatch = Math.Max(1, options.Value.MaxBatch);
    private long _dropped;

    /// <summary>Entries refused because the buffer was full (the cluster could not keep up).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an entry; never blocks. A full buffer drops it and counts it, since the request must not wait.</summary>
    public void Record(AuditEntry entry)
    {
        if (!_buffer.Writer.TryWrite(entry))
        {
            var dropped = Interlocked.Increment(ref _dropped);
            logger.LogWarning("Audit buffer full: dropped the {Action} entry of tenant {TenantId} (request {RequestId}); {Dropped} dropped so far",
                entry.Action, entry.TenantId, entry.RequestId, dropped);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // No more entries: the loop drains what is buffered and ends.
        _buffer.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _buffer.Reader;
        var batch = new List<AuditEntry>(_maxBatch);
        // Not bound to stoppingToken: a stop completes the buffer, and what is in it is still written.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            await SendAsync(batch);
            batch.Clear();
        }
    }

    private async Task SendAsync(List<AuditEntry> batch)
    {
        var calls = batch.GroupBy(e => e.TenantId, StringComparer.Ordinal)
            .Select(tenant => SendAsync(tenant.Key, tenant.ToList()));
        await Task.WhenAll(calls);
    }

    private async Task SendAsync(string tenantId, List<AuditEntry> entries)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cluster.GetGrain<IAuditLog>(tenantId).Append(entries);
                return;
            }
            catch (Exception ex) when (attempt < RetryDelays.Length + 1)
            {
                logger.LogWarning(ex, "Writing {Count} audit entries of tenant {TenantId} failed (attempt {Attempt}); retrying", entries.Count, tenantId, attempt);
                await Task.Delay(RetryDelays[attempt - 1]);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Lost {Count} audit entries of tenant {TenantId} after {Attempt} attempts", entries.Count, tenantId, attempt);
                return;
            }
        }
    }
}
