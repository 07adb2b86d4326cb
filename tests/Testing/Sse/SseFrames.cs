using System.Text;

namespace Actors.Testing;

/// <summary>
/// Parses a text/event-stream body (WHATWG rules): lines are <c>field: value</c>, a blank line
/// dispatches the event, lines starting with <c>:</c> are comments, <c>retry:</c> and unknown fields
/// are ignored. The tests' reader and the benchmarks read through this one parser.
/// </summary>
public sealed class SseFrames(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);
    private readonly List<string> _data = [];
    private string? _id;
    private string? _event;

    /// <summary>Comment lines read so far (the opening comment, keep-alives).</summary>
    public int Comments { get; private set; }

    /// <summary>The next comment or event; null once the server has closed the stream.</summary>
    public async Task<SseItem?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
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
                Comments++;
                return new SseComment(line[1..].TrimStart());
            }
            Take(line);
        }
    }

    /// <summary>The next event, comments skipped (and counted); null once the server has closed the stream.</summary>
    public async Task<SseEvent?> NextEventAsync(CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } item)
        {
            if (item is SseEvent e)
            {
                return e;
            }
        }
        return null;
    }

    private void Take(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
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

    private SseEvent Dispatch()
    {
        var dispatched = new SseEvent(_id, _event, string.Join('\n', _data));
        _id = null;
        _event = null;
        _data.Clear();
        return dispatched;
    }

    public void Dispose() => _reader.Dispose();
}
