using System.Threading.Channels;
using Orleans.Streams;

namespace Actors.Api.Analyses;

/// <summary>
/// One SSE response's subscription to a job-event stream, feeding a channel the response reads.
/// Disposing unsubscribes; a failure there (the cluster going away) is only logged, since the
/// subscription dies with its client anyway.
/// </summary>
internal sealed class LiveJobEvents : IAsyncDisposable
{
    private readonly StreamSubscriptionHandle<JobEvent> _subscription;
    private readonly ILogger _logger;
    private readonly string _stream;

    private LiveJobEvents(StreamSubscriptionHandle<JobEvent> subscription, ChannelReader<JobEvent> reader, ILogger logger, string stream)
    {
        _subscription = subscription;
        Reader = reader;
        _logger = logger;
        _stream = stream;
    }

    public ChannelReader<JobEvent> Reader { get; }

    public static async Task<LiveJobEvents> SubscribeAsync(IAsyncStream<JobEvent> stream, Channel<JobEvent> channel, ILogger logger)
    {
        var subscription = await stream.SubscribeAsync((jobEvent, _) =>
        {
            channel.Writer.TryWrite(jobEvent);
            return Task.CompletedTask;
        });
        return new LiveJobEvents(subscription, channel.Reader, logger, stream.StreamId.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _subscription.UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Unsubscribing from event stream {Stream} failed", _stream);
        }
    }
}
