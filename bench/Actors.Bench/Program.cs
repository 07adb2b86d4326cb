using System.Net;
using Actors.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args, out var help);
    if (help)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine("Interrupted; finishing with what was measured.");
    interrupt.Cancel();
};

using var handler = new SocketsHttpHandler
{
    // Every open event stream holds a connection of its own, next to the submitting ones.
    MaxConnectionsPerServer = 10_000,
    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    ConnectTimeout = TimeSpan.FromSeconds(10),
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    UseProxy = false,
};
using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };

// Preflight: a node that is down or a wrong key would otherwise show up as N identical failures.
try
{
    using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(10));
    using var health = await http.GetAsync(new Uri(options.Url, "/health/ready"), ready.Token);
    if (!health.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"error: {options.Url}health/ready answered {(int)health.StatusCode}; the node is not ready.");
        return 2;
    }
    using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Url, "/api/v1/analyses?per_page=1"));
    probe.Headers.Add("X-API-Key", options.Key);
    using var auth = await http.SendAsync(probe, ready.Token);
    if (auth.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
    {
        Console.Error.WriteLine($"error: the node rejected the API key from {options.KeySource} ({(int)auth.StatusCode}). " +
            "Pass the node's key with --key or $ACTORS_DEV_API_KEY.");
        return 2;
    }
}
catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
{
    Console.Error.WriteLine($"error: cannot reach a node at {options.Url} ({ex.Message}). " +
        "Start one with: dotnet run -c Release --project src/Api");
    return 2;
}

if (options.Probe > 0)
{
    return await ReadProbe.RunAsync(options, http, interrupt.Token);
}

var startedAt = DateTimeOffset.UtcNow;
var runner = new Runner(options, http, interrupt.Token);
if (!options.Quiet)
{
    Console.Error.WriteLine($"Actors.Bench: {options.Jobs} jobs (+{options.Warmup} warmup), concurrency {options.Concurrency}, " +
        $"listeners {options.Listeners}, {options.Rows} rows, against {options.Url} (key from {options.KeySource})");
}

PhaseResult? warmup = null;
if (options.Warmup > 0)
{
    warmup = PhaseResult.From(await runner.RunPhaseAsync("warmup", 0, options.Warmup, measured: false));
}
var slotWaitsBefore = runner.SlotWaits;
var slotWaitBefore = runner.SlotWaitTime;
var measured = PhaseResult.From(await runner.RunPhaseAsync("run", options.Warmup, options.Jobs, measured: true));

var problems = new List<string>();
void Check(PhaseResult phase, string name)
{
    if (phase.Jobs < (name == "warmup" ? options.Warmup : options.Jobs))
    {
        problems.Add($"{name}: only {phase.Jobs} of {(name == "warmup" ? options.Warmup : options.Jobs)} jobs were submitted (interrupted)");
    }
    if (phase.SubmitFailures > 0)
    {
        problems.Add($"{name}: {phase.SubmitFailures} submit(s) failed ({string.Join(", ", phase.SubmitFailureKinds.Select(k => $"{k.Value}x {k.Key}"))})");
    }
    if (phase.NotCompleted > 0)
    {
        problems.Add($"{name}: {phase.NotCompleted} job(s) did not complete within {options.Timeout.TotalSeconds:0.###} s " +
            $"({phase.JobsTimedOut} timed out, {phase.JobsFailed} failed, {phase.JobsCancelled} cancelled, {phase.JobsStreamError} stream errors)");
    }
}
if (warmup is not null)
{
    Check(warmup, "warmup");
}
Check(measured, "run");
var passed = problems.Count == 0;
var verdict = passed
    ? $"OK: all {measured.Jobs} jobs accepted and completed."
    : "FAILED: " + string.Join("; ", problems);

var result = new BenchResult(
    startedAt,
    MachineInfo.Current(),
    new RunSettings(options.Url.ToString(), options.Jobs, options.Warmup, options.Concurrency, options.Listeners, options.Rows,
        options.Timeout.TotalSeconds, options.Seed),
    measured,
    warmup,
    runner.SlotWaits - slotWaitsBefore,
    (runner.SlotWaitTime - slotWaitBefore).TotalSeconds,
    passed,
    verdict);

Console.Write(result.ToTable());
if (options.JsonPath is not null)
{
    var full = Path.GetFullPath(options.JsonPath);
    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
    await File.WriteAllTextAsync(full, result.ToJson());
    Console.WriteLine($"JSON written to {full}");
}
return passed ? 0 : 1;
