using System.Net;

namespace Actors.Testing;

/// <summary>
/// An event stream read over a real HTTP response (headers first, the body streamed). Every read is
/// bounded by <see cref="Eventually.Timeout"/> and fails saying what it awaited.
/// </summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly SseFrames _frames;

    private SseReader(HttpResponseMessage response, SseFrames frames)
    {
        _response = response;
        _frames = frames;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens <paramref name="path"/> as an event stream; fails unless the answer is a 200 text/event-stream.</summary>
    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"GET {path}: expected a 200 event stream, got {(int)response.StatusCode}: {body}");
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "text/event-stream")
        {
            response.Dispose();
            throw new InvalidOperationException($"GET {path}: expected text/event-stream, got {mediaType ?? "no content type"}");
        }
        var stream = await response.Content.ReadAsStreamAsync();
        return new SseReader(response, new SseFrames(stream));
    }

    /// <summary>The next comment or event; null once the server has closed the stream.</summary>
    public async Task<SseItem?> NextAsync(string what)
    {
        using var deadline = new CancellationTokenSource(Eventually.Timeout);
        try
        {
            return await _frames.NextAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {Eventually.Timeout.TotalSeconds} s reading the event stream, waiting for {what}.");
        }
    }

    /// <summary>Reads events until one matches <paramref name="stop"/> (included); comments are skipped.</summary>
    public async Task<List<SseEvent>> ReadEventsUntilAsync(Func<SseEvent, bool> stop, string what)
    {
        var events = new List<SseEvent>();
        while (true)
        {
            var item = await NextAsync(what);
            switch (item)
            {
                case null:
                    throw new InvalidOperationException($"The event stream closed before {what}; events read: {string.Join(", ", events)}");
                case SseEvent e:
                    events.Add(e);
                    if (stop(e))
                    {
                        return events;
                    }
                    break;
            }
        }
    }

    /// <summary>Reads until the server closes the stream; returns the events (comments skipped).</summary>
    public async Task<List<SseEvent>> ReadEventsToEndAsync(string what)
    {
        var events = new List<SseEvent>();
        while (await NextAsync(what) is { } item)
        {
            if (item is SseEvent e)
            {
                events.Add(e);
            }
        }
        return events;
    }

    public static bool IsTerminal(SseEvent e) => e.IsTerminal;

    public ValueTask DisposeAsync()
    {
        _frames.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
