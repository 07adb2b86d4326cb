using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Chaos;

/// <summary>One HTTP answer a client saw (or the failure to get one), at a time since the run started.</summary>
public sealed record Seen(TimeSpan At, string Code);

/// <summary>A job as its last status read showed it.</summary>
public sealed record JobState(string Status, int Progress, string? Step, int Attempts)
{
    public bool Terminal => Status is "completed" or "failed" or "cancelled";
}

/// <summary>
/// The load: careful clients that submit <c>bench_echo</c> jobs (three steps of <c>delay</c> each) at a
/// steady pace with an Idempotency-Key and retry every failure with the same key, and a watcher that
/// reads every unfinished job's status twice a second. Everything every client saw is kept.
/// </summary>
public sealed class Load(HttpClient http, int jobs, TimeSpan pace, int delayMs, string runId)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Seen> _seen = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _jobsByKey = new();
    private readonly ConcurrentDictionary<string, JobState> _states = new();
    private readonly ConcurrentDictionary<string, int> _answeredRequests = new();
    private readonly ConcurrentDictionary<string, bool> _auditRefusedRequests = new();

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<Seen> Seen => [.. _seen];

    /// <summary>Job ids per Idempotency-Key: more than one is a duplicate made by a retry.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> JobsByKey =>
        _jobsByKey.ToDictionary(k => k.Key, k => (IReadOnlyCollection<string>)k.Value.Distinct().ToList());

    public IReadOnlyDictionary<string, JobState> States => _states;

    /// <summary>Submit attempts the API answered, by request id with the status: each must be in the audit log.</summary>
    public IReadOnlyDictionary<string, int> AnsweredRequests => _answeredRequests;

    public IReadOnlyCollection<string> AuditRefusedRequests => [.. _auditRefusedRequests.Keys];

    public int Accepted => _jobsByKey.Count;

    /// <summary>Submits every job, <paramref name="clients"/> at a time, job i not before i × pace.</summary>
    public async Task SubmitAllAsync(int clients, CancellationToken stop)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < jobs && !stop.IsCancellationRequested)
            {
                var due = pace * i - _clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, stop);
                }
                await SubmitOneAsync($"{runId}-{i}", stop);
            }
        }));
    }

    private async Task SubmitOneAsync(string key, CancellationToken stop)
    {
        var body = new { type = "bench_echo", csv = "x,y\n1,2\n2,4\n3,7\n", options = new Dictionary<string, object> { ["delay_ms"] = delayMs } };
        var pause = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; !stop.IsCancellationRequested; attempt++)
        {
            var requestId = $"{key}-a{attempt}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyses") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            request.Headers.Add("X-Request-ID", requestId);
            try
            {
                using var response = await http.SendAsync(request, stop);
                var text = await response.Content.ReadAsStringAsync(stop);
                Note(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (text.Contains("Audit log unavailable", StringComparison.Ordinal))
                {
                    _auditRefusedRequests[requestId] = true;
                }
                else
                {
                    _answeredRequests[requestId] = (int)response.StatusCode;
                }
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var jobId = JsonDocument.Parse(text).RootElement.GetProperty("job_id").GetString()!;
                    _jobsByKey.GetOrAdd(key, _ => []).Add(jobId);
                    _states.TryAdd(jobId, new JobState("queued", 0, null, 0));
                    return;
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                // No answer (a node dying mid-answer included): the same key again.
                Note(ex is TaskCanceledException ? "timeout" : "no answer");
            }
            await Task.Delay(pause, stop);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    /// <summary>
    /// Reads every unfinished job's status about every 300 ms until stopped; each job on its own, so a
    /// read that hangs (a call into a dead silo) delays what is known of that job only.
    /// </summary>
    public async Task WatchAsync(CancellationToken stop)
    {
        var reading = new ConcurrentDictionary<string, Task>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(16);
        while (!stop.IsCancellationRequested)
        {
            foreach (var jobId in _states.Where(s => !s.Value.Terminal).Select(s => s.Key))
            {
                if (!reading.TryAdd(jobId, Task.CompletedTask))
                {
                    continue;
                }
                _ = Task.Run(async () =>
                {
                    await slots.WaitAsync(stop);
                    try
                    {
                        if (await ReadAsync(jobId, stop) is { } state)
                        {
                            _states[jobId] = state;
                        }
                    }
                    finally
                    {
                        slots.Release();
                        reading.TryRemove(jobId, out _);
                    }
                }, stop);
            }
            await Task.Delay(300, stop);
        }
    }

    /// <summary>A job's status as the API says it, or null when it did not answer 200.</summary>
    public async Task<JobState?> ReadAsync(string jobId, CancellationToken stop)
    {
        try
        {
            using var response = await http.GetAsync($"/api/v1/analyses/{jobId}", stop);
            Note(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return response.StatusCode == HttpStatusCode.NotFound ? new JobState("missing", 0, null, 0) : null;
            }
            var job = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
            return new JobState(job.GetProperty("status").GetString()!, job.GetProperty("progress").GetInt32(),
                job.TryGetProperty("current_step", out var step) ? step.ToString() : null, job.GetProperty("attempts").GetInt32());
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            // No answer, or one cut short (HttpIOException): ask again.
            Note(ex is TaskCanceledException ? "timeout" : "no answer");
            return null;
        }
    }

    private void Note(string code) => _seen.Enqueue(new Seen(_clock.Elapsed, code));
}
