using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Testing;

namespace Actors.Peers;

/// <summary>
/// Runs the workloads against an Actors node over its public HTTP API. The listener is the
/// tenant-wide stream <c>GET /api/v1/events</c> (as BullMQ's is one QueueEvents), except in the
/// streams workload, which opens one <c>GET /api/v1/analyses/{id}/events</c> per job.
/// </summary>
public sealed class ActorsDriver : IDisposable
{
    private readonly HttpClient _http;

    public ActorsDriver(Uri baseAddress, string key)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("X-API-Key", key);
    }

    public void Dispose() => _http.Dispose();

    public async Task WaitReadyAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            try
            {
                using var response = await _http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the Actors node at {_http.BaseAddress} was not ready within {limit}");
    }

    public async Task<Dictionary<string, double>> RunAsync(Workload w, TimeSpan timeout)
    {
        using var listener = await TenantListener.OpenAsync(_http);
        var completedBefore = await CompletedTotalAsync();
        var run = new Run(this, listener);
        var result = w.Kind switch
        {
            "enqueue" => await run.EnqueueAsync(w, timeout),
            "drain" => await run.DrainAsync(w, timeout),
            "openloop" => await run.OpenLoopAsync(w, timeout),
            "streams" => await run.StreamsAsync(w, timeout),
            "priority" => await run.PriorityAsync(w, timeout),
            _ => throw new ArgumentException($"unknown workload {w.Kind}"),
        };
        result["completed_in_worker"] = await CompletedTotalAsync() - completedBefore;
        return result;
    }

    private async Task<int> CompletedTotalAsync()
    {
        var page = await _http.GetFromJsonAsync<JsonElement>("/api/v1/analyses?status=completed&per_page=1");
        return page.GetProperty("total").GetInt32();
    }

    private async Task<(string Id, string EventsUrl)> SubmitAsync(int i, string priority = "normal", int delayMs = 0)
    {
        var body = new Dictionary<string, object>
        {
            ["type"] = "bench_echo",
            ["csv"] = Payload.Csv(i),
            ["priority"] = priority,
        };
        if (delayMs > 0)
        {
            body["options"] = new Dictionary<string, object> { ["delay_ms"] = delayMs };
        }
        using var response = await _http.PostAsJsonAsync("/api/v1/analyses", body);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("job_id").GetString()!, json.GetProperty("events_url").GetString()!);
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>One workload's state: what was submitted when, checked against what the listener saw.</summary>
    private sealed class Run(ActorsDriver driver, TenantListener listener)
    {
        private int _next;

        private async Task<string> AddAsync(string priority = "normal", int delayMs = 0)
        {
            var i = Interlocked.Increment(ref _next) - 1;
            var start = Stopwatch.GetTimestamp();
            var (id, _) = await driver.SubmitAsync(i, priority, delayMs);
            var seen = listener.Track(id, start);
            seen.Accepted = Stopwatch.GetTimestamp();
            return id;
        }

        public async Task<Dictionary<string, double>> EnqueueAsync(Workload w, TimeSpan timeout)
        {
            var ids = new ConcurrentBag<string>();
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, w.Submitters).Select(async _ =>
            {
                while (Volatile.Read(ref _next) < w.Jobs)
                {
                    ids.Add(await AddAsync());
                }
            }));
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            await listener.WaitCompletedAsync(ids, timeout);
            var submits = ids.Select(id => listener.Seen(id)).Select(s => Ms(s.Submitted, s.Accepted)).Order().ToList();
            var result = listener.Summary(ids);
            result["jobs_per_s"] = ids.Count / elapsed;
            result["submit_p50_ms"] = Percentile.Of(submits, 50) ?? double.NaN;
            result["submit_p99_ms"] = Percentile.Of(submits, 99) ?? double.NaN;
            return result;
        }

        public async Task<Dictionary<string, double>> DrainAsync(Workload w, TimeSpan timeout)
        {
            // Blockers hold every run slot while the jobs queue up; cancelling them starts the drain.
            var blockers = new List<string>();
            for (var k = 0; k < w.Concurrency; k++)
            {
                blockers.Add((await driver.SubmitAsync(-1 - k, delayMs: 3_600_000)).Id);
            }
            var ids = new ConcurrentBag<string>();
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                while (Volatile.Read(ref _next) < w.Jobs)
                {
                    ids.Add(await AddAsync());
                }
            }));
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(blockers.Select(async id => (await driver._http.DeleteAsync($"/api/v1/analyses/{id}")).Dispose()));
            var done = await listener.WaitCompletedAsync(ids, timeout);
            var last = ids.Select(id => listener.Seen(id).Completed).DefaultIfEmpty(0).Max();
            var result = listener.Summary(ids);
            var end = done && last > 0 ? last : Stopwatch.GetTimestamp();
            result["jobs_per_s"] = ids.Count(id => listener.Seen(id).Completed > 0) / Stopwatch.GetElapsedTime(start, end).TotalSeconds;
            return result;
        }

        public async Task<Dictionary<string, double>> OpenLoopAsync(Workload w, TimeSpan timeout)
        {
            var result = new Dictionary<string, double>();
            var all = new ConcurrentBag<string>();
            double sustained = 0;
            foreach (var rate in w.Rates!)
            {
                var count = Math.Max(1, (int)Math.Round(rate * w.Seconds));
                var ids = new ConcurrentBag<string>();
                var start = Stopwatch.GetTimestamp();
                var pending = new List<Task>();
                for (var k = 0; k < count; k++)
                {
                    var due = TimeSpan.FromSeconds((double)k / rate) - Stopwatch.GetElapsedTime(start);
                    if (due > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(due);
                    }
                    pending.Add(Task.Run(async () => { var id = await AddAsync(); ids.Add(id); all.Add(id); }));
                }
                await Task.WhenAll(pending);
                var finished = await listener.WaitCompletedAsync(ids, timeout);
                var last = ids.Select(id => listener.Seen(id).Completed).DefaultIfEmpty(0).Max();
                var achieved = ids.Count / Stopwatch.GetElapsedTime(start, last).TotalSeconds;
                var step = listener.Summary(ids);
                result[$"e2e_p50_ms@{rate}/s"] = step["e2e_p50_ms"];
                result[$"e2e_p99_ms@{rate}/s"] = step["e2e_p99_ms"];
                result[$"e2e_p999_ms@{rate}/s"] = step["e2e_p999_ms"];
                if (!finished || achieved < 0.9 * rate || step["e2e_p99_ms"] > w.SaturationP99Ms)
                {
                    break;
                }
                sustained = rate;
            }
            foreach (var (name, value) in listener.Summary(all))
            {
                result[name] = value;
            }
            result["max_sustained_rate"] = sustained;
            return result;
        }

        public async Task<Dictionary<string, double>> StreamsAsync(Workload w, TimeSpan timeout)
        {
            // One event stream per running job, opened right after its submit.
            var readers = new ConcurrentBag<Task<(int Progress, int Completed, long At)>>();
            var start = Stopwatch.GetTimestamp();
            using var limit = new CancellationTokenSource(timeout);
            await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            {
                while (Interlocked.Increment(ref _next) - 1 is var i && i < w.Jobs)
                {
                    var (_, eventsUrl) = await driver.SubmitAsync(i, delayMs: w.DelayMs);
                    readers.Add(ReadJobStreamAsync(eventsUrl, limit.Token));
                }
            }));
            var streams = await Task.WhenAll(readers);
            var last = streams.Max(s => s.At);
            var progress = streams.Sum(s => s.Progress);
            var completed = streams.Sum(s => s.Completed);
            return new Dictionary<string, double>
            {
                ["events_per_s"] = (progress + completed) / Stopwatch.GetElapsedTime(start, last).TotalSeconds,
                ["jobs"] = w.Jobs,
                ["progress_share"] = progress / (3.0 * w.Jobs),
                ["completion_share"] = completed / (double)w.Jobs,
            };
        }

        private async Task<(int Progress, int Completed, long At)> ReadJobStreamAsync(string url, CancellationToken cancellationToken)
        {
            var progress = 0;
            try
            {
                using var response = await driver._http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                using var reader = new SseFrames(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.NextEventAsync(cancellationToken) is { } frame)
                {
                    if (frame.Event == "step")
                    {
                        progress++;
                    }
                    if (frame.Event == "completed")
                    {
                        return (progress, 1, Stopwatch.GetTimestamp());
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            return (progress, 0, Stopwatch.GetTimestamp());
        }

        public async Task<Dictionary<string, double>> PriorityAsync(Workload w, TimeSpan timeout)
        {
            var low = new ConcurrentBag<string>();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                while (Volatile.Read(ref _next) < w.Low)
                {
                    low.Add(await AddAsync("low"));
                }
            }));
            var high = new List<string>();
            for (var k = 0; k < w.High; k++)
            {
                await Task.Delay(w.HighSpacingMs);
                high.Add(await AddAsync("high"));
            }
            var all = low.Concat(high).ToList();
            await listener.WaitCompletedAsync(all, timeout);
            List<double> Waits(IEnumerable<string> ids) =>
                ids.Select(listener.Seen).Where(s => s.Started > 0).Select(s => Ms(s.Submitted, s.Started)).Order().ToList();
            var result = listener.Summary(all);
            var h = Waits(high);
            var l = Waits(low);
            result["high_wait_p50_ms"] = Percentile.Of(h, 50) ?? double.NaN;
            result["high_wait_p99_ms"] = Percentile.Of(h, 99) ?? double.NaN;
            result["low_wait_p50_ms"] = Percentile.Of(l, 50) ?? double.NaN;
            result["low_wait_p99_ms"] = Percentile.Of(l, 99) ?? double.NaN;
            return result;
        }
    }

    /// <summary>What the listener saw of one job (Stopwatch timestamps; 0 while not seen).</summary>
    public sealed class JobSeen
    {
        public long Submitted;
        public long Accepted;
        public long Started;
        public long Completed;
        public int Progress;
    }

    /// <summary>The tenant-wide event stream, read in the background into per-job records.</summary>
    private sealed class TenantListener : IDisposable
    {
        private readonly ConcurrentDictionary<string, JobSeen> _jobs = new();
        private readonly CancellationTokenSource _stop = new();
        private HttpResponseMessage? _response;
        private Task? _reading;
        private long _dropped;
        private long _lastFrame;

        public static async Task<TenantListener> OpenAsync(HttpClient http)
        {
            var listener = new TenantListener();
            listener._response = await http.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead);
            listener._response.EnsureSuccessStatusCode();
            var reader = new SseFrames(await listener._response.Content.ReadAsStreamAsync());
            listener._reading = Task.Run(() => listener.ReadAsync(reader));
            // The opening comment is written once the node has subscribed: from then on nothing is missed.
            var clock = Stopwatch.StartNew();
            while (reader.Comments == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }
            return listener;
        }

        private async Task ReadAsync(SseFrames reader)
        {
            try
            {
                while (await reader.NextEventAsync(_stop.Token) is { } frame)
                {
                    var now = Stopwatch.GetTimestamp();
                    Volatile.Write(ref _lastFrame, now);
                    using var data = JsonDocument.Parse(frame.Data);
                    if (frame.Event == "dropped")
                    {
                        // The node dropped events for this listener (it read too slowly): those jobs' events never come.
                        Interlocked.Add(ref _dropped, data.RootElement.GetProperty("dropped").GetInt64());
                        continue;
                    }
                    var seen = Seen(data.RootElement.GetProperty("job_id").GetString()!);
                    switch (frame.Event)
                    {
                        case "step":
                            Interlocked.Increment(ref seen.Progress);
                            break;
                        case "started":
                            Interlocked.CompareExchange(ref seen.Started, now, 0);
                            break;
                        case "completed":
                            Interlocked.CompareExchange(ref seen.Completed, now, 0);
                            break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
        }

        public JobSeen Seen(string id) => _jobs.GetOrAdd(id, _ => new JobSeen());

        public JobSeen Track(string id, long submitted)
        {
            var seen = Seen(id);
            seen.Submitted = submitted;
            return seen;
        }

        /// <summary>Waits until the listener saw every job complete; false after <paramref name="timeout"/>.</summary>
        public async Task<bool> WaitCompletedAsync(IEnumerable<string> ids, TimeSpan timeout)
        {
            var list = ids.ToList();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                if (list.All(id => Seen(id).Completed > 0))
                {
                    return true;
                }
                // After the node reported dropped events, what is missing will not arrive: stop once the stream is quiet.
                if (Interlocked.Read(ref _dropped) > 0 && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastFrame)) > TimeSpan.FromSeconds(10))
                {
                    return false;
                }
                await Task.Delay(20);
            }
            return false;
        }

        public Dictionary<string, double> Summary(IEnumerable<string> ids)
        {
            var jobs = ids.Select(Seen).ToList();
            var latencies = jobs.Where(j => j.Completed > 0).Select(j => Ms(j.Submitted, j.Completed)).Order().ToList();
            return new Dictionary<string, double>
            {
                ["e2e_p50_ms"] = Percentile.Of(latencies, 50) ?? double.NaN,
                ["e2e_p99_ms"] = Percentile.Of(latencies, 99) ?? double.NaN,
                ["e2e_p999_ms"] = Percentile.Of(latencies, 99.9) ?? double.NaN,
                ["jobs"] = jobs.Count,
                ["progress_share"] = jobs.Count == 0 ? double.NaN : jobs.Sum(j => j.Progress) / (3.0 * jobs.Count),
                ["completion_share"] = jobs.Count == 0 ? double.NaN : latencies.Count / (double)jobs.Count,
                ["events_reported_dropped"] = Interlocked.Read(ref _dropped),
            };
        }

        public void Dispose()
        {
            _stop.Cancel();
            _response?.Dispose();
            try
            {
                _reading?.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
        }
    }
}
