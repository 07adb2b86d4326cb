using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Actors.Client;

/// <summary>
/// Reads a resumable event stream (a job's or a batch's): each event's <c>id:</c> is its sequence number.
/// When the connection drops, or ends before the terminal event, it reconnects with <c>Last-Event-ID</c>
/// set to the last sequence it yielded, and drops anything at or below it: no event is lost or repeated.
/// </summary>
internal sealed class EventFollower(Transport transport)
{
    /// <summary>Yields the stream's items after <paramref name="afterSequence"/> up to and including the terminal one.</summary>
    /// <remarks><paramref name="parse"/> turns one SSE event into an item, or null to skip it (an event kind the caller ignores).</remarks>
    public async IAsyncEnumerable<T> FollowAsync<T>(
        string path,
        long afterSequence,
        SseItemParser<T?> parse,
        Func<T, long> sequenceOf,
        Func<T, bool> isTerminal,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var last = afterSequence;
        var fruitless = 0;
        Exception? lastFailure = null;
        TimeSpan? serverRetry = null;
        while (true)
        {
            HttpResponseMessage? response = null;
            Stream? body = null;
            try
            {
                var resumeAt = last;
                response = await transport.SendAsync(() =>
                {
                    var request = transport.Request(HttpMethod.Get, path);
                    request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
                    if (resumeAt > 0)
                    {
                        request.Headers.TryAddWithoutValidation("Last-Event-ID", resumeAt.ToString(CultureInfo.InvariantCulture));
                    }
                    return request;
                }, repeatable: true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                await transport.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
                body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (Transport.IsConnectionLoss(ex, cancellationToken))
            {
                response?.Dispose();
                response = null;
                lastFailure = ex;
            }

            if (response is not null)
            {
                using (response)
                {
                    var parser = SseParser.Create(body!, parse);
                    await using var events = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                    while (true)
                    {
                        bool more;
                        try
                        {
                            more = await events.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (Exception ex) when (Transport.IsConnectionLoss(ex, cancellationToken))
                        {
                            // The connection dropped mid-stream: reconnect and resume after the last event yielded.
                            lastFailure = ex;
                            break;
                        }
                        if (!more)
                        {
                            break;
                        }
                        if (events.Current.Data is not { } item)
                        {
                            continue;
                        }
                        var sequence = sequenceOf(item);
                        if (sequence <= last)
                        {
                            continue;
                        }
                        last = sequence;
                        fruitless = 0;
                        yield return item;
                        if (isTerminal(item))
                        {
                            yield break;
                        }
                    }
                    serverRetry = parser.ReconnectionInterval is var interval && interval > TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan ? interval : serverRetry;
                }
            }

            fruitless++;
            if (fruitless > transport.Options.MaxReconnects)
            {
                throw new ActorsStreamException(
                    $"The event stream {path} dropped {fruitless} times in a row without a new event (last sequence {last}).", lastFailure);
            }
            await transport.DelayAsync(serverRetry ?? transport.Backoff(fruitless) / 2 + transport.Options.ReconnectDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
