using System.Text;

namespace Actors.Bench;

/// <summary>One dispatched Server-Sent Events frame.</summary>
public readonly record struct SseFrame(string? Id, string Event, string Data);

/// <summary>
/// A minimal text/event-stream reader (WHATWG rules): lines are <c>field: value</c>, a blank line
/// dispatches the frame, lines starting with <c>:</c> are comments, a frame without data is not dispatched.
/// </summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);

    /// <summary>Comment lines seen so far (": stream open", heartbeats).</summary>
    public int Comments { get; private set; }

    /// <summary>The next frame, or null when the server closed the stream.</summary>
    public async Task<SseFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        string? id = null;
        string? eventName = null;
        StringBuilder? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseFrame(id, eventName ?? "message", data.ToString());
                }
                id = null;
                eventName = null;
                continue;
            }
            if (line[0] == ':')
            {
                Comments++;
                continue;
            }

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
                    id = value;
                    break;
                case "event":
                    eventName = value;
                    break;
                case "data":
                    if (data is null)
                    {
                        data = new StringBuilder(value);
                    }
                    else
                    {
                        data.Append('\n').Append(value);
                    }
                    break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
