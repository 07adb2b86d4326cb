using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Actors.Api.Tests.Webhooks;

/// <summary>How the receiver answers one request: a status (with an optional <c>Retry-After</c>), or no answer until released.</summary>
public sealed record ReceiverAnswer(int Status, TimeSpan? RetryAfter = null, bool Block = false)
{
    public static ReceiverAnswer Code(int status, TimeSpan? retryAfter = null) => new(status, retryAfter);

    public static readonly ReceiverAnswer Blocked = new(200, Block: true);
}

/// <summary>One request the receiver got.</summary>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No {name} header: {string.Join(", ", Headers.Keys)}");

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? JobId => Json.GetProperty("data").GetProperty("job_id").GetString();
}

/// <summary>
/// A webhook receiver the test runs: Kestrel on a loopback port. It records every request and answers
/// from its script, in order, per path (200 once a path's script is used up). Blocked answers wait
/// until <see cref="ReleaseBlocked"/> or until the sender gives up.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private LoopbackApp _app = null!;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceiverAnswer>> _scripts = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    public Uri BaseAddress => new(_app.BaseUrl);

    /// <summary>Requests waiting on a blocked answer right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._app = await LoopbackApp.StartAsync(app => app.MapPost("/{**path}", (HttpContext http) => receiver.AnswerAsync(http)));
        return receiver;
    }

    /// <summary>A URL of this receiver; each test uses its own path.</summary>
    public string Url(string path) => new Uri(BaseAddress, "/hooks/" + path).ToString();

    /// <summary>Queues answers for requests to <paramref name="path"/>.</summary>
    public void Script(string path, params ReceiverAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd("/hooks/" + path, _ => new ConcurrentQueue<ReceiverAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public IReadOnlyList<ReceivedRequest> ReceivedAt(string path) => [.. _received.Where(r => r.Path == "/hooks/" + path)];

    /// <summary>Waits until <paramref name="path"/> has had at least <paramref name="count"/> requests; returns them all.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(string path, int count, string what) =>
        Eventually.Until(() => Task.FromResult(ReceivedAt(path)), r => r.Count >= count, $"{what} ({count} request(s) at /hooks/{path})");

    public void ReleaseBlocked() => _release.TrySetResult();

    private async Task AnswerAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = http.Request.Path.Value ?? "";
        var answer = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next) ? next : ReceiverAnswer.Code(200);
        _received.Enqueue(new ReceivedRequest(path, headers, body));
        if (answer.Block)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _release.Task.WaitAsync(http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        http.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseBlocked();
        await _app.DisposeAsync();
    }
}
