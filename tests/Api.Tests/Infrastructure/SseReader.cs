namespace Actors.Api.Tests.Infrastructure;

/// <summary>One thing read from an event stream: a comment line or a dispatched event.</summary>
public abstract record SseItem;

/// <summary>A <c>: text</c> comment line.</summary>
public sealed record SseComment(string Text) : SseItem;

/// <summary>An event: its <c>id:</c>, <c>event:</c> and (joined) <c>data:</c> fields.</summary>
public sealed record SseEvent(string? Id, string? Event, string Data) : SseItem
{
    public long Sequence => long.Parse(Id ?? throw new InvalidOperationException($"The event has no id: {this}"), System.Globalization.CultureInfo.InvariantCulture);

    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>
/// A minimal Server-Sent Events reader over a real HTTP response (headers read first, the body
/// streamed). Every read is bounded by <see cref="Wait.Timeout"/> and fails saying what it awaited.
/// </summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private string? _id;
    private string? _event;
    private readonly List<string> _data = [];

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens <paramref name="path"/> as an event stream; asserts a 200 text/event-stream answer.</summary>
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
            Assert.Fail($"GET {path}: expected a 200 event stream, got {(int)response.StatusCode}: {body}");
        }
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync();
        return new SseReader(response, new StreamReader(stream, Encoding.UTF8));
    }

    /// <summary>The next comment or event; null once the server has closed the stream.</summary>
    public async Task<SseItem?> NextAsync(string what)
    {
        using var deadline = new CancellationTokenSource(Wait.Timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {Wait.Timeout.TotalSeconds} s reading the event stream, waiting for {what}.");
            }
            if (line is null)
            {
                return _data.Count > 0 ? Dispatch() : null;
            }
            if (line.Length == 0)
            {
                if (_data.Count > 0 || _id is not null || _event is not null)
                {
                    return Dispatch();
                }
                continue;
            }
            if (line[0] == ':')
            {
                return new SseComment(line[1..].TrimStart());
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }
            switch (field)
            {
                case "id":
                    _id = value;
                    break;
                case "event":
                    _event = value;
                    break;
                case "data":
                    _data.Add(value);
                    break;
            }
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

    public static bool IsTerminal(SseEvent e) => e.Event is "completed" or "failed" or "cancelled";

    private SseEvent Dispatch()
    {
        var dispatched = new SseEvent(_id, _event, string.Join('\n', _data));
        _id = null;
        _event = null;
        _data.Clear();
        return dispatched;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
