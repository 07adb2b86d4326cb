using System.Text.Json;
using System.Threading.Channels;
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
/// </summary>
public static class TenantEventStream
{
    public static IEndpointRouteBuilder MapTenantEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", Stream).RequireAuthorization(Scopes.AnalysesRead).WithTags("Analyses")
            .WithSummary("Follow every job event of the tenant (Server-Sent Events)")
            .WithDescription("Live only: event is the kind (queued, started, progress, step, completed, failed, cancelled), data the same JSON object as a job's stream (job_id, sequence, …). The stream opens with a comment once it is subscribed, sends heartbeat comments, and stays open until the client leaves.")
            .Produces<JobEventData>(StatusCodes.Status200OK, "text/event-stream");
        return app;
    }

    private static async Task Stream(
        HttpContext http,
        IClusterClient cluster,
        IOptions<EventStreamOptions> options,
        IOptions<JsonOptions> json,
        ILogger<EventStreamOptions> logger)
    {
        var tenantId = http.User.GetTenantId();
        var aborted = http.RequestAborted;
        // Bounded so a client that reads slower than its tenant's jobs publish cannot grow the node's memory:
        // past the bound the oldest events are dropped, and the client catches up from the jobs' own streams.
        var live = Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(options.Value.TenantStreamBuffer)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        var stream = cluster.GetStreamProvider(JobStreams.ProviderName).GetStream<JobEvent>(JobStreams.ForTenant(tenantId));
        await using var subscription = await LiveJobEvents.SubscribeAsync(stream, live, logger);
        try
        {
            ServerSentEvents.Begin(http.Response);
            using var openConnection = Actors.Observability.ActorsMetrics.SseConnectionOpened();
            // Written after subscribing: a client that has read it misses nothing published afterwards.
            await ServerSentEvents.CommentAsync(http.Response, "stream open", aborted);

            var serializer = json.Value.SerializerOptions;
            var heartbeat = options.Value.HeartbeatInterval;
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
                    await ServerSentEvents.CommentAsync(http.Response, "heartbeat", aborted);
                    continue;
                }
                // Frames written back to back, one flush per batch: a busy tenant costs one flush per wake-up, not per event.
                while (live.Reader.TryRead(out var jobEvent))
                {
                    var data = JsonSerializer.Serialize(JobEventData.From(jobEvent), serializer);
                    await http.Response.WriteAsync($"event: {jobEvent.Kind.ToWire()}\ndata: {data}\n\n", aborted);
                }
                await http.Response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
