using System.Threading.Channels;
using Actors.Audit;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Audit;

/// <summary>
/// The node's audit writer. An audited request first takes a place (<see cref="TryReserve"/>): at most
/// <see cref="AuditOptions.BufferCapacity"/> entries wait for their tenant's log at once, and past that
/// the request is refused (503) instead of being done unaudited. Its entry is spilled to disk
/// (<see cref="AuditSpill"/>) before the answer goes out, then sent in batches, one call per tenant, to
/// the tenants' <see cref="IAuditLog"/> grains; a failed send is retried until it succeeds, so an
/// accepted entry is never given up on. A stop drains what it can; what is left stays in the spill and
/// is sent by the next start.
/// </summary>
/// <remarks>
/// Not a BackgroundService: since .NET 10 its ExecuteAsync is queued with Task.Run on the stopping
/// token, so a stop that comes before the thread pool runs it cancels the loop unstarted, and the
/// buffer was never drained (the cause of AuditBoundsTests' empty page on a busy machine).
/// </remarks>
public sealed class AuditWriter(IClusterClient cluster, AuditSpill spill, IOptions<AuditOptions> options, ILogger<AuditWriter> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly Channel<(AuditEntry Entry, long Segment)> _buffer = Channel.CreateUnbounded<(AuditEntry, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandon = new();
    private readonly int _capacity = Math.Max(1, options.Value.BufferCapacity);
    private readonly int _maxBatch = Math.Max(1, options.Value.MaxBatch);
    private Task _loop = Task.CompletedTask;
    private long _pending;
    private long _refused;
    private int _full;

    /// <summary>Entries accepted and not yet stored by their tenant's log (held here and in the spill), reserved places included.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Audited requests refused because <see cref="AuditOptions.BufferCapacity"/> entries were already waiting.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = spill.Recover(out var torn);
        if (recovered.Count > 0 || torn > 0)
        {
            logger.LogWarning("Audit spill {Folder} held {Count} entries a previous run had not stored ({Torn} torn lines skipped); sending them",
                spill.Folder, recovered.Count, torn);
        }
        foreach (var held in recovered)
        {
            Interlocked.Increment(ref _pending);
            _buffer.Writer.TryWrite(held);
        }
        Actors.Observability.ActorsMetrics.ObserveAuditPending(() => Pending);
        // Started here, unconditionally: whatever a stop finds buffered, the loop is there to send it.
        _loop = Task.Run(SendAllAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>No more entries: sends what is buffered, until <paramref name="cancellationToken"/> says to leave the rest in the spill.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _abandon.Cancel();
            logger.LogWarning("Audit writer stopped with {Count} entries unsent; they stay in the spill {Folder} for the next start",
                Pending, spill.Folder ?? "(none: the embedded default keeps no spill)");
        }
    }

    /// <summary>Takes a place for one entry, or false when <see cref="AuditOptions.BufferCapacity"/> are already waiting.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _pending) <= _capacity)
        {
            if (Interlocked.Exchange(ref _full, 0) == 1)
            {
                logger.LogInformation("Audit writer has room again; audited requests are accepted");
            }
            return true;
        }
        Interlocked.Decrement(ref _pending);
        Interlocked.Increment(ref _refused);
        Actors.Observability.ActorsMetrics.AuditRefused();
        if (Interlocked.Exchange(ref _full, 1) == 0)
        {
            logger.LogWarning("Audit writer holds {Capacity} unstored entries: audited requests are refused with 503 until the audit log catches up", _capacity);
        }
        return false;
    }

    /// <summary>Gives back a place taken by <see cref="TryReserve"/> for a request that had nothing to record.</summary>
    public void Unreserve() => Interlocked.Decrement(ref _pending);

    /// <summary>Spills and queues an entry, in a place taken by <see cref="TryReserve"/> (or a new one when <paramref name="reserved"/> is false).</summary>
    public void Record(AuditEntry entry, bool reserved = false)
    {
        if (!reserved)
        {
            Interlocked.Increment(ref _pending);
        }
        long segment;
        try
        {
            segment = spill.Append(entry);
        }
        catch (IOException ex)
        {
            // The disk refused it: the entry is still sent from memory, it only loses its copy on disk.
            logger.LogError(ex, "Audit spill {Folder} could not write the {Action} entry of tenant {TenantId} (request {RequestId})",
                spill.Folder, entry.Action, entry.TenantId, entry.RequestId);
            segment = -1;
        }
        _buffer.Writer.TryWrite((entry, segment));
    }

    public void Dispose()
    {
        _abandon.Dispose();
        spill.Dispose();
    }

    private async Task SendAllAsync()
    {
        var reader = _buffer.Reader;
        var batch = new List<(AuditEntry Entry, long Segment)>(_maxBatch);
        try
        {
            while (await reader.WaitToReadAsync(_abandon.Token))
            {
                while (batch.Count < _maxBatch && reader.TryRead(out var held))
                {
                    batch.Add(held);
                }
                await Task.WhenAll(batch.GroupBy(h => h.Entry.TenantId, StringComparer.Ordinal).Select(tenant => SendAsync(tenant.Key, [.. tenant])));
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // The host stopped waiting: the spill keeps the rest.
        }
    }

    /// <summary>Sends one tenant's entries until its log has them: 200 ms doubling to 5 s between attempts.</summary>
    private async Task SendAsync(string tenantId, List<(AuditEntry Entry, long Segment)> held)
    {
        var entries = held.Select(h => h.Entry).ToList();
        var pause = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cluster.GetGrain<IAuditLog>(tenantId).Append(entries);
                break;
            }
            catch (Exception ex)
            {
                // Abandoned (the host stopped waiting): the spill keeps them.
                _abandon.Token.ThrowIfCancellationRequested();
                logger.LogWarning(ex, "Writing {Count} audit entries of tenant {TenantId} failed (attempt {Attempt}); retrying in {Pause}",
                    entries.Count, tenantId, attempt, pause);
                await Task.Delay(pause, _abandon.Token);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetry.Ticks));
            }
        }
        foreach (var segment in held.GroupBy(h => h.Segment).Where(g => g.Key >= 0))
        {
            spill.Stored(segment.Key, segment.Count());
        }
        Interlocked.Add(ref _pending, -held.Count);
    }
}
