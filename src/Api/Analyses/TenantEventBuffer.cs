using System.Threading.Channels;

namespace Actors.Api.Analyses;

/// <summary>
/// The job events one <c>GET /api/v1/events</c> response holds for its client. Bounded so a client that
/// reads slower than its tenant's jobs publish cannot grow the node's memory: past the bound the oldest
/// events are dropped and counted, and the response tells the client how many before its next events,
/// so a gap is never silent.
/// </summary>
internal sealed class TenantEventBuffer
{
    private long _dropped;

    public TenantEventBuffer(int capacity)
    {
        Channel = System.Threading.Channels.Channel.CreateBounded<JobEvent>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref _dropped));
    }

    public Channel<JobEvent> Channel { get; }

    /// <summary>How many events were dropped since the last call; resets the count.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);
}
