using System.Text.Json;
using Actors.Api.Analyses;
using Actors.Batches;
using Microsoft.AspNetCore.Http.Json;

namespace Actors.Api.Batches;

/// <summary>
/// <c>GET /api/v1/batches/{id}/events</c>: the batch's events after <c>Last-Event-ID</c>, by long polls of the batch
/// grain (which answers as soon as an item's finish is written, or after the heartbeat period with nothing). The
/// batch's events are derived from its persisted items, so a reconnect resumes exactly where the client was.
/// </summary>
public static class BatchEventStream
{
    public static async Task Stream(HttpContext http, string id, IClusterClient cluster, OpenStreams streams, IOptions<EventStreamOptions> options,
        IOptions<JsonOptions> json, ILogger<EventStreamOptions> logger)
    {
        if (!BatchIds.IsWellFormed(id))
        {
            await BatchEndpoints.BatchNotFound(id).ExecuteAsync(http);
            return;
        }
        if (!LastEventId.TryRead(http.Request, out var last))
        {
            await LastEventId.Invalid().ExecuteAsync(http);
            return;
        }
        // Counted with the node's other event streams of this caller and tenant (Actors:Api:Events:MaxOpenPer*).
        using var place = streams.TryOpen(http, out var refused);
        if (place is null)
        {
            await refused!.ExecuteAsync(http);
            return;
        }
        var batch = BatchEndpoints.Batch(http, cluster, id);
        var aborted = http.RequestAborted;
        var first = await batch.WaitForEvents(last, TimeSpan.Zero);
        if (first is null)
        {
            await BatchEndpoints.BatchNotFound(id).ExecuteAsync(http);
            return;
        }
        ServerSentEvents.Begin(http.Response);
        var serializer = json.Value.SerializerOptions;
        var page = first;
        try
        {
            await ServerSentEvents.CommentAsync(http.Response, "stream open", aborted);
            while (!aborted.IsCancellationRequested)
            {
                foreach (var e in page.Events.Where(e => e.Sequence > last))
                {
                    var data = JsonSerializer.Serialize(BatchEventData.From(id, e), serializer);
                    await http.Response.WriteAsync($"id: {e.Sequence}\nevent: {BatchEventData.EventName(e)}\ndata: {data}\n\n", aborted);
                    last = e.Sequence;
                    if (e.Item is null)
                    {
                        await http.Response.Body.FlushAsync(aborted);
                        return;
                    }
                }
                await (page.Events.Count == 0
                    ? ServerSentEvents.CommentAsync(http.Response, "heartbeat", aborted)
                    : http.Response.Body.FlushAsync(aborted));
                try
                {
                    page = await batch.WaitForEvents(last, options.Value.HeartbeatInterval) ?? page with { Events = [] };
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    // The batch's silo died: it comes back on its next call, and its events are where they were.
                    logger.LogInformation(ex, "Waiting for batch {BatchId}'s events failed; asking again", id);
                    page = page with { Events = [] };
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
