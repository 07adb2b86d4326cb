using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Actors.Bench;

/// <summary>
/// <c>--probe N</c>: N cheap authenticated reads (<c>GET /api/v1/analyses/not.a.job</c>, a 404 that
/// asks no grain) at <c>--concurrency</c>, timed end to end. The request costs authentication
/// (cached), the rate-limit check and almost nothing else, so running it against a node with rate
/// limits on and against one with <c>--Actors:RateLimits:Enabled=false</c> shows what the check adds.
/// </summary>
public static class ReadProbe
{
    private const string Path = "/api/v1/analyses/not.a.job";

    public static async Task<int> RunAsync(BenchOptions options, HttpClient http, CancellationToken cancellation)
    {
        // Warm the connections, the JIT and the buckets' activations first.
        await SendAsync(options, http, Math.Min(200, options.Probe), cancellation);
        var stopwatch = Stopwatch.StartNew();
        var samples = await SendAsync(options, http, options.Probe, cancellation);
        var elapsed = stopwatch.Elapsed.TotalSeconds;

        var latency = Percentiles.Of(samples.Select(s => s.Milliseconds));
        var limited = samples.Count(s => s.Limited);
        var refused = samples.Count(s => s.Status == HttpStatusCode.TooManyRequests);
        var unexpected = samples.Count(s => s.Status is not (HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests));
        var machine = MachineInfo.Current();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Actors.Bench read probe  {options.Url}  {DateTimeOffset.UtcNow:u}\n");
        text.Append(CultureInfo.InvariantCulture, $"machine                  {machine.Cores} cores, {machine.Os} ({machine.Architecture}), {machine.Runtime}\n");
        text.Append(CultureInfo.InvariantCulture, $"requests / concurrency   {samples.Count} / {options.Concurrency}\n");
        text.Append(CultureInfo.InvariantCulture, $"latency p50 / p90 / p99 / max (ms)  {latency.P50:0.000} / {latency.P90:0.000} / {latency.P99:0.000} / {latency.Max:0.000}\n");
        text.Append(CultureInfo.InvariantCulture, $"throughput               {samples.Count / elapsed:0.0} requests/s\n");
        text.Append(CultureInfo.InvariantCulture, $"rate-limited answers     {limited} carried X-RateLimit-Limit, {refused} were 429\n");
        Console.Write(text.ToString());
        if (unexpected > 0 || refused > 0)
        {
            Console.WriteLine(refused > 0
                ? "FAILED: some reads were refused; start the node with higher Actors:RateLimits:Read limits and Actors:Api:ClientAddresses:PermitsPerPeriod for the probe."
                : $"FAILED: {unexpected} answers were neither 404 nor 429.");
            return 1;
        }
        return 0;
    }

    private static async Task<List<Sample>> SendAsync(BenchOptions options, HttpClient http, int count, CancellationToken cancellation)
    {
        var samples = new List<Sample>(count);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count && !cancellation.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Url, Path));
                request.Headers.Add("X-API-Key", options.Key);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, cancellation);
                await response.Content.ReadAsByteArrayAsync(cancellation);
                var sample = new Sample(Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.StatusCode, response.Headers.Contains("X-RateLimit-Limit"));
                lock (samples)
                {
                    samples.Add(sample);
                }
            }
        }));
        return samples;
    }

    private sealed record Sample(double Milliseconds, HttpStatusCode Status, bool Limited);
}
