using System.Text.Json;
using System.Threading.Channels;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Microsoft.AspNetCore.Http.Json;
using Orleans.Streams;

namespace Actors.Api.Analyses;

/// <summary>
/// <c>GET /api/v1/analyses/{id}/events</c>: subscribe to the job's stream first, then replay the
/// job's buffered events after <c>Last-Event-ID</c>, then forward live events. Sequence numbers
/// drop duplicates and reveal gaps, which are filled from the job's buffer; so is a quiet stream,
/// since memory streams can lose events. The response ends after the terminal event.
/// </summary>
public static class JobEventStream
{
    public static async Task Stream(
        HttpContext http,
        string id,
        IClusterClient cluster,
        IOptions<EventStreamOptions> options,
        IOptions<JsonOptions> json,
        OpenStreams streams,
        ILogger<EventStreamOptions> logger)
    {
        if (!JobIds.IsWellFormed(id))
        {
            await AnalysisEndpoints.JobNotFound(id).ExecuteAsync(http);
            return;
        }
        if (!LastEventId.TryRead(http.Request, out var lastSequence))
        {
            await LastEventId.Invalid().ExecuteAsync(http);
            return;
        }

        var tenantId = http.User.GetTenantId();
        var job = cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, id));
        // An unknown (or another tenant's) id is answered before any stream subscription exists: probing ids costs no pub-sub state.
        if (await job.GetStatus() is null)
        {
            await AnalysisEndpoints.JobNotFound(id).ExecuteAsync(http);
            return;
        }
        using var place = streams.TryOpen(http, out var refused);
        if (place is null)
        {
            await refused!.ExecuteAsync(http);
            return;
        }
        var aborted = http.RequestAborted;
        var live = Channel.CreateUnbounded<JobEvent>(new UnboundedChannelOptions { SingleReader = true });
        var stream = cluster.GetStreamProvider(JobStreams.ProviderName).GetStream<JobEvent>(JobStreams.ForJob(tenantId, id));

        // Subscribe before reading the buffer, so nothing falls between the two.
        await using var subscription = await LiveJobEvents.SubscribeAsync(stream, live, logger);
        // The job's silo may die while the client listens: the job resumes elsewhere, so a failed ask is
        // retried at the next catch-up rather than ending the stream.
        async Task<JobEventPage?> CatchUpAsync(long afterSequence)
        {
            try
            {
                return await job.GetEvents(afterSequence);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                logger.LogInformation(ex, "Catching up job {JobId}'s events failed; retrying at the next catch-up", id);
                return null;
            }
        }

        try
        {
            var first = await job.GetEvents(lastSequence);
            if (first is null)
            {
                await AnalysisEndpoints.JobNotFound(id).ExecuteAsync(http);
                return;
            }

            ServerSentEvents.Begin(http.Response);
            using var openConnection = Actors.Observability.ActorsMetrics.SseConnectionOpened();
            var writer = new SseWriter(http.Response, json.Value.SerializerOptions, lastSequence);
            await writer.CommentAsync("stream open", aborted);

            if (await writer.WriteNewAsync(first, aborted) || first.Status.IsTerminal())
            {
                return;
            }

            var heartbeat = options.Value.HeartbeatInterval;
            var catchUp = options.Value.CatchUpInterval;
            var lastWrite = DateTimeOffset.UtcNow;
            while (!aborted.IsCancellationRequested)
            {
                var wait = TimeSpan.FromTicks(Math.Min(catchUp.Ticks, heartbeat.Ticks));
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                quiet.CancelAfter(wait);
                bool arrived;
                try
                {
                    arrived = await live.Reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    arrived = false;
                }

                if (arrived)
                {
                    while (live.Reader.TryRead(out var jobEvent))
                    {
                        if (jobEvent.Sequence <= writer.LastSequence)
                        {
                            continue;
                        }
                        if (jobEvent.Sequence > writer.LastSequence + 1)
                        {
                            // A gap: the stream lost or reordered events. The buffer has them in order.
                            var gap = await CatchUpAsync(writer.LastSequence);
                            if (gap is not null && await writer.WriteNewAsync(gap, aborted))
                            {
                                return;
                            }
                            if (jobEvent.Sequence != writer.LastSequence + 1)
                            {
                                // Already sent, or the job could not be asked (failing over): the next catch-up sends it in order.
                                continue;
                            }
                        }
                        if (await writer.WriteAsync(jobEvent, aborted))
                        {
                            return;
                        }
                    }
                    lastWrite = DateTimeOffset.UtcNow;
                    continue;
                }

                // Quiet: catch up from the buffer in case the stream dropped something, and keep the connection warm.
                var page = await CatchUpAsync(writer.LastSequence);
                if (page is not null && (await writer.WriteNewAsync(page, aborted) || page.Status.IsTerminal() && page.LastSequence <= writer.LastSequence))
                {
                    return;
                }
                if (DateTimeOffset.UtcNow - lastWrite >= heartbeat)
                {
                    await writer.CommentAsync("heartbeat", aborted);
                    lastWrite = DateTimeOffset.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>Writes SSE frames and remembers the last sequence written.</summary>
    private sealed class SseWriter(HttpResponse response, JsonSerializerOptions json, long startAfter)
    {
        public long LastSequence { get; private set; } = startAfter;

        /// <summary>Writes the page's events newer than the last written; true when the terminal event was written.</summary>
        public async Task<bool> WriteNewAsync(JobEventPage page, CancellationToken cancellationToken)
        {
            foreach (var jobEvent in page.Events)
            {
                if (jobEvent.Sequence > LastSequence && await WriteAsync(jobEvent, cancellationToken))
                {
                    return true;
                }
            }
            return false;
        }

        public async Task<bool> WriteAsync(JobEvent jobEvent, CancellationToken cancellationToken)
        {
            var data = JsonSerializer.Serialize(JobEventData.From(jobEvent), json);
            await response.WriteAsync($"id: {jobEvent.Sequence}\nevent: {jobEvent.Kind.ToWire()}\ndata: {data}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            LastSequence = jobEvent.Sequence;
            return jobEvent.Kind.IsTerminal();
        }

        public Task CommentAsync(string text, CancellationToken cancellationToken) =>
            ServerSentEvents.CommentAsync(response, text, cancellationToken);
    }
}
