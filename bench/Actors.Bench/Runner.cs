using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Actors.Testing;

namespace Actors.Bench;

/// <summary>
/// Submits jobs with <c>--concurrency</c> workers and follows each accepted job's event stream.
/// A worker takes a stream slot before it submits, so at most <c>--listeners</c> streams are open
/// and every stream opens right after its submit returns; when all slots are taken, submitting
/// waits for jobs to finish (a closed loop).
/// </summary>
public sealed class Runner(BenchOptions options, HttpClient http, CancellationToken cancellation)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly SemaphoreSlim _streamSlots = new(options.Listeners, options.Listeners);

    private int _submitted;
    private int _finished;
    private int _openStreams;
    private int _problems;
    private long _slotWaits;
    private long _slotWaitTicks;

    public long SlotWaits => Interlocked.Read(ref _slotWaits);
    public TimeSpan SlotWaitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _slotWaitTicks));

    /// <summary>Runs <paramref name="count"/> jobs (indexes from <paramref name="firstIndex"/>) and returns what was seen of each.</summary>
    public async Task<JobRecord[]> RunPhaseAsync(string name, int firstIndex, int count, bool measured)
    {
        _submitted = 0;
        _finished = 0;
        _problems = 0;
        var records = new JobRecord[count];
        var followers = new ConcurrentBag<Task>();
        var next = -1;

        using var progressStop = new CancellationTokenSource();
        var progress = options.Quiet ? Task.CompletedTask : ReportProgressAsync(name, count, progressStop.Token);

        var workers = Enumerable.Range(0, Math.Min(options.Concurrency, count)).Select(_ => Task.Run(async () =>
        {
            while (!cancellation.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count)
                {
                    return;
                }
                var record = records[i] = new JobRecord(firstIndex + i, measured);
                var body = Payload.Body(options.Rows, options.Seed, record.Index);

                if (!_streamSlots.Wait(0))
                {
                    var waitStart = Stopwatch.GetTimestamp();
                    try
                    {
                        await _streamSlots.WaitAsync(cancellation);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    Interlocked.Increment(ref _slotWaits);
                    Interlocked.Add(ref _slotWaitTicks, Stopwatch.GetTimestamp() - waitStart);
                }

                await SubmitAsync(record, body);
                Interlocked.Increment(ref _submitted);
                if (record.Accepted)
                {
                    followers.Add(FollowAsync(record));
                }
                else
                {
                    Interlocked.Increment(ref _problems);
                    Interlocked.Increment(ref _finished);
                    _streamSlots.Release();
                }
            }
        })).ToArray();

        await Task.WhenAll(workers);
        await Task.WhenAll(followers);
        await progressStop.CancelAsync();
        await progress;
        return records.Where(r => r is not null).ToArray();
    }

    private async Task SubmitAsync(JobRecord record, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Url, "/api/v1/analyses"));
        request.Headers.Add("X-API-Key", options.Key);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = Json;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(options.Timeout);

        record.SubmitStart = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            record.SubmitEnd = Stopwatch.GetTimestamp();
            record.SubmitStatus = (int)response.StatusCode;
            if (record.SubmitStatus != 202)
            {
                record.SubmitError = $"HTTP {record.SubmitStatus}: {Shorten(text)}";
                return;
            }
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            record.JobId = root.TryGetProperty("job_id", out var id) ? id.GetString() : null;
            record.EventsUrl = root.TryGetProperty("events_url", out var events) ? events.GetString() : null;
            if (record.JobId is null || record.EventsUrl is null)
            {
                record.SubmitError = $"HTTP 202 without job_id/events_url: {Shorten(text)}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or JsonException)
        {
            record.SubmitEnd = Stopwatch.GetTimestamp();
            record.SubmitError = ex is OperationCanceledException && !cancellation.IsCancellationRequested
                ? $"no response within {options.Timeout.TotalSeconds:0.###} s"
                : $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>Reads the job's event stream until its terminal event, reconnecting with Last-Event-ID if the stream ends early.</summary>
    private async Task FollowAsync(JobRecord record)
    {
        Interlocked.Increment(ref _openStreams);
        var remaining = options.Timeout - Stopwatch.GetElapsedTime(record.SubmitStart);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        var token = deadline.Token;
        try
        {
            await Task.Yield();
            while (record.Terminal is null)
            {
                if (record.Connects > 0)
                {
                    // The stream ended or failed before the terminal event; reconnect like an EventSource would.
                    await Task.Delay(TimeSpan.FromMilliseconds(250), token);
                }
                record.Connects++;
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Url, record.EventsUrl));
                request.Headers.Add("X-API-Key", options.Key);
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (record.LastSequence > 0)
                {
                    request.Headers.Add("Last-Event-ID", record.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                }
                catch (HttpRequestException ex)
                {
                    record.StreamError = $"connect: {ex.Message}";
                    continue;
                }
                using (response)
                {
                    if ((int)response.StatusCode != 200)
                    {
                        record.StreamError = $"HTTP {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(token))}";
                        if ((int)response.StatusCode is >= 400 and < 500)
                        {
                            return;
                        }
                        continue;
                    }
                    try
                    {
                        await using var body = await response.Content.ReadAsStreamAsync(token);
                        using var reader = new SseFrames(body);
                        await ReadEventsAsync(record, reader, token);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException)
                    {
                        record.StreamError = $"read: {ex.Message}";
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            record.TimedOut = record.Terminal is null;
        }
        catch (OperationCanceledException)
        {
            // Interrupted.
        }
        finally
        {
            if (!record.Completed)
            {
                Interlocked.Increment(ref _problems);
            }
            Interlocked.Increment(ref _finished);
            Interlocked.Decrement(ref _openStreams);
            _streamSlots.Release();
        }
    }

    private static async Task ReadEventsAsync(JobRecord record, SseFrames reader, CancellationToken token)
    {
        while (await reader.NextEventAsync(token) is { } frame)
        {
            var now = Stopwatch.GetTimestamp();
            record.Events++;
            record.Kinds[frame.Type] = record.Kinds.GetValueOrDefault(frame.Type) + 1;
            if (long.TryParse(frame.Id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
            {
                if (sequence <= record.LastSequence)
                {
                    record.Duplicates++;
                }
                else
                {
                    record.Gaps += sequence - record.LastSequence - 1;
                    record.LastSequence = sequence;
                }
            }
            else
            {
                record.EventsWithoutId++;
            }

            if (frame.Event is "completed" or "failed" or "cancelled")
            {
                record.Terminal = frame.Event;
                record.TerminalAt = now;
                if (frame.Event != "completed")
                {
                    record.FailureDetail = Shorten(frame.Data);
                }
                // The server should end the response now; give it a moment to, without holding up the timing.
                using var grace = CancellationTokenSource.CreateLinkedTokenSource(token);
                grace.CancelAfter(TimeSpan.FromSeconds(2));
                try
                {
                    record.ClosedAfterTerminal = await reader.NextEventAsync(grace.Token) is null;
                }
                catch (OperationCanceledException)
                {
                    record.ClosedAfterTerminal = false;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    record.ClosedAfterTerminal = true;
                }
                return;
            }
        }
    }

    private async Task ReportProgressAsync(string name, int count, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Console.Error.WriteLine(
                    $"[{name} {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0}s] submitted {Volatile.Read(ref _submitted)}/{count}, " +
                    $"finished {Volatile.Read(ref _finished)}, open streams {Volatile.Read(ref _openStreams)}, problems {Volatile.Read(ref _problems)}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
