namespace Actors.Api.Analyses;

/// <summary>
/// The one writer of server-sent events (job, tenant, batch and conversation streams): the response's
/// headers, the frames (<c>id:</c>, <c>event:</c>, <c>data:</c>), comments and flushes. Data is one
/// line of JSON, so every frame has a single <c>data:</c> field.
/// </summary>
internal static class SseWriter
{
    public static void Begin(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Proxies (nginx) must not buffer a stream.
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>One frame; <paramref name="id"/> is what a client sends back as Last-Event-ID.</summary>
    public static string Frame(string kind, string data, long? id = null) =>
        id is { } sequence ? $"id: {sequence}\nevent: {kind}\ndata: {data}\n\n" : $"event: {kind}\ndata: {data}\n\n";

    /// <summary>Writes a frame without flushing: frames written back to back go out with one <see cref="FlushAsync"/>.</summary>
    public static Task WriteAsync(HttpResponse response, string kind, string data, CancellationToken cancellationToken, long? id = null) =>
        response.WriteAsync(Frame(kind, data, id), cancellationToken);

    /// <summary>Writes a frame and flushes it.</summary>
    public static async Task SendAsync(HttpResponse response, string kind, string data, CancellationToken cancellationToken, long? id = null)
    {
        await WriteAsync(response, kind, data, cancellationToken, id);
        await FlushAsync(response, cancellationToken);
    }

    /// <summary>A comment line (stream open, heartbeat): clients ignore it, proxies see traffic.</summary>
    public static async Task CommentAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync($": {text}\n\n", cancellationToken);
        await FlushAsync(response, cancellationToken);
    }

    public static Task FlushAsync(HttpResponse response, CancellationToken cancellationToken) => response.Body.FlushAsync(cancellationToken);
}
