using System.Text.Json;
using Actors.Api.Auth;
using Microsoft.AspNetCore.Http.Json;
using Orleans.Streams;

namespace Actors.Api.Analyses;

/// <summary>
/// <c>GET /api/v1/events</c>: every job event of the caller's tenant, live, as Server-Sent Events.
/// The stream never ends by itself. It is live only: there is no tenant-wide sequence, so it has
/// no <c>id:</c> and no resume; each event's data names its <c>job_id</c> and per-job
/// <c>sequence</c>, and a listener that reconnects catches a job up from
/// <c>GET /api/v1/analyses/{id}/events</c> with <c>Last-Event-ID</c>.
/// A client that falls more than <see cref="EventStreamOptions.TenantStreamBuffer"/> events behind
/// loses the oldest and is told so by a <c>dropped</c> event (<see cref="TenantEventBuffer"/>).
/// </summary>
public static class TenantEventStream
{
    public static IEndpointRouteBuilder MapTenantEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", Stream).RequireAuthorization(Scopes.AnalysesRead).WithTags("Analyses")
            .WithSummary("Follow every job event of the tenant (Server-Sent Events)")
            .WithDescription("Live only: event is the kind (queued, started, progress, step, completed, failed, cancelled), data the same JSON object as a job's stream (job_id, sequence, …). The stream opens with a comment once it is subscribed, sends heartbeat comments, and stays open until the client leaves. A client that reads too slowly loses the oldest events past Actors:Api:Events:TenantStreamBuffer; it is then sent event: dropped with data {\"dropped\": N} before the events that follow, and catches its jobs up from their own streams.")
            .Produces<JobEventData>(StatusCodes.Status200OK, "text/event-stream");
        return app;
    }

    private static async Task Stream(
        HttpContext http,
        IClusterClient cluster,
        IOptions<EventStreamOptions> options,
        IOptions<JsonOptions> json,
        OpenStreams streams,
        ILogger<EventStreamOptions> logger)
    {
        using var place = streams.TryOpen(http, out var refused);
        if (place is null)
        {
            await refused!.ExecuteAsync(http);
            return;
        }
        var tenantId = http.User.GetTenantId();
        var aborted = http.RequestAborted;
        var buffer = new TenantEventBuffer(options.Value.TenantStreamBuffer);
        var live = buffer.Channel;
        var stream = cluster.GetStreamProvider(JobStreams.ProviderName).GetStream<JobEvent>(JobStreams.ForTenant(tenantId));
        await using var subscription = await LiveJobEvents.SubscribeAsync(stream, live, logger);
        try
        {
            SseWriter.Begin(http.Response);
            using var openConnection = Actors.Observability.ActorsMetrics.SseConnectionOpened();
            // Written after subscribing: a client that has read it misses nothing published afterwards.
            await SseWriter.CommentAsync(http.Response, "stream open", aborted);

            var serializer = json.Value.SerializerOptions;
            var heartbeat = options.Value.HeartbeatInterval;
            var warned = false;
            while (!aborted.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                quiet.CancelAfter(heartbeat);
                bool arrived;
                try
                {
                    arrived = await live.Reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    arrived = false;
                }
                if (!arrived)
                {
                    await SseWriter.CommentAsync(http.Response, "heartbeat", aborted);
                    continue;
                }
                // Dropped events were older than any still held, so the client hears of the gap before what follows it.
                if (buffer.TakeDropped() is var dropped and > 0)
                {
                    // Once per response at Warning: a client that stays slow would otherwise write a line per batch.
                    logger.Log(warned ? LogLevel.Debug : LogLevel.Warning,
                        "The tenant event stream of {TenantId} dropped {Dropped} events for a client reading too slowly", tenantId, dropped);
                    warned = true;
                    Actors.Observability.ActorsMetrics.TenantEventsDroppedForSlowClient(dropped);
                    await http.Response.WriteAsync(DroppedFrame(dropped, serializer), aborted);
                }
                // Frames written back to back, one flush per batch: a busy tenant costs one flush per wake-up, not per event.
                while (live.Reader.TryRead(out var jobEvent))
                {
                    var data = JsonSerializer.Serialize(JobEventData.From(jobEvent), serializer);
                    await SseWriter.WriteAsync(http.Response, jobEvent.Kind.ToWire(), data, aborted);
                }
                await SseWriter.FlushAsync(http.Response, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>The frame that tells a client how many events it missed: it catches the tenant's jobs up from their own streams.</summary>
    internal static string DroppedFrame(long dropped, JsonSerializerOptions serializer) =>
        SseWriter.Frame("dropped", JsonSerializer.Serialize(new DroppedEventsData(dropped), serializer));
}
