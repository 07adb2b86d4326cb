using System.Text;
using System.Text.Json;
using Actors.Api.Analyses;
using Actors.Conversations;

namespace Actors.Api.Conversations;

/// <summary>
/// The SSE side of an answer the LLM streams: each piece becomes a <c>delta</c> event as it arrives, a
/// broken-off attempt a <c>reset</c> event. It remembers the text sent since the last reset, so the
/// endpoint can tell whether the deltas already make up the final message. A client gone away only
/// stops the writing: it must not count as the provider failing.
/// </summary>
public sealed class StreamedAnswer(HttpResponse response, JsonSerializerOptions json, CancellationToken cancellationToken) : IAnswerObserver
{
    private readonly StringBuilder _sent = new();
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToString();
            }
        }
    }

    public Task Delta(string text)
    {
        lock (_sent)
        {
            _sent.Append(text);
        }
        return WriteAsync("delta", JsonSerializer.Serialize(new AnswerDelta(text), json));
    }

    public Task Reset()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
        return WriteAsync("reset", "{}");
    }

    public async Task WriteAsync(string kind, string data)
    {
        await _writing.WaitAsync(CancellationToken.None);
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            await SseWriter.SendAsync(response, kind, data, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left; the answer is still recorded.
        }
        finally
        {
            _writing.Release();
        }
    }
}
