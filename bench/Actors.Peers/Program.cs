using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Actors.Peers;

// The peer harness (docs/BENCHMARKS.md): one command, every system on loopback, the same workloads,
// alternating runs, one table. Usage: bench/peers/run.sh [--quick] [--runs N] [--systems a,b] [--workloads x,y]
var quick = args.Contains("--quick");
var runs = Option("--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : quick ? 1 : 5;
var systemsFilter = Option("--systems")?.Split(',');
var workloadFilter = Option("--workloads")?.Split(',');
// --trace SECONDS: sample the Actors grain process's stacks (dotnet-trace) for that long at the start of
// each Actors workload group; the top methods are written beside the logs (docs/BENCHMARKS.md, "Profile").
var traceSeconds = Option("--trace") is { } ts ? int.Parse(ts, CultureInfo.InvariantCulture) : 0;
var timeout = TimeSpan.FromSeconds(Option("--timeout") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : quick ? 120 : 900);
var root = FindRoot();
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
var work = Path.Combine(root, ".actors", "peers", stamp);
var logs = Path.Combine(work, "logs");
Directory.CreateDirectory(logs);

// --jobs N: every workload with a job count uses N instead (profiles and checks at another scale).
var jobsOverride = Option("--jobs") is { } j ? int.Parse(j, CultureInfo.InvariantCulture) : 0;
var workloads = Plan(quick)
    .Where(w => workloadFilter is null || workloadFilter.Contains(w.Label) || workloadFilter.Contains(w.Kind))
    .Select(w => jobsOverride > 0 && w.Jobs > 0 ? w with { Jobs = jobsOverride } : w)
    .ToList();
Console.Error.WriteLine($"peer bench: {runs} run(s), {workloads.Count} workload(s), work folder {work}");

await using var loopback = await Loopback.StartAsync();
List<IPeerSystem> systems =
[
    new ActorsSystem(root, logs, loopback, production: false),
    new BullSystem(Path.Combine(root, "bench/peers/bullmq"), logs, loopback, postgres: false),
    new ActorsSystem(root, logs, loopback, production: true),
    new BullSystem(Path.Combine(root, "bench/peers/bullmq"), logs, loopback, postgres: true),
];
systems = systems.Where(s => systemsFilter is null || systemsFilter.Any(f => s.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();

var results = new List<Measurement>();
var clock = Stopwatch.StartNew();
for (var run = 1; run <= runs; run++)
{
    foreach (var group in workloads.GroupBy(w => w.Concurrency))
    {
        // Alternate: each run starts with a different system, so none always runs on a cold or a warm machine.
        for (var k = 0; k < systems.Count; k++)
        {
            var system = systems[(k + run - 1) % systems.Count];
            var runId = $"r{run}c{group.Key}{(system.IsActors ? "a" : "b")}{system.Tier[0]}";
            Console.Error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] run {run}: {system.Name}, concurrency {group.Key}");
            try
            {
                await system.StartAsync(group.Key, runId);
                // Unmeasured warm-up, the same for every system: a freshly started process measures its
                // JIT (.NET's tiers, V8's) and first-use costs, not its steady state, in whichever workload comes first.
                await system.RunAsync(WarmUp(group.Key), timeout);
                using var trace = traceSeconds > 0 && system is ActorsSystem actors
                    ? Actors.Peers.Trace.Start(actors.GrainProcessId, traceSeconds, Path.Combine(logs, $"trace-{runId}"))
                    : null;
                foreach (var workload in group)
                {
                    results.Add(await MeasureAsync(system, workload, run));
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"  {system.Name} failed: {ex.Message}");
                results.Add(new Measurement(system.Name, system.Tier, system.IsActors, "error", run, new() { ["error"] = 1 }));
            }
            finally
            {
                await system.StopAsync();
            }
        }
    }
}

var table = Report.Markdown(results, runs, Machine(), clock.Elapsed);
Console.WriteLine(table);
await File.WriteAllTextAsync(Path.Combine(work, "table.md"), table);
await File.WriteAllTextAsync(Path.Combine(work, "measurements.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
Console.Error.WriteLine($"table and raw measurements in {work}");
return 0;

async Task<Measurement> MeasureAsync(IPeerSystem system, Workload workload, int run)
{
    Console.Error.WriteLine($"  {workload.Label}");
    var pg = system.UsesPostgres ? await loopback.PostgresCountersAsync() : default;
    Dictionary<string, double> metrics;
    await using (var meter = new Meter(system.Pids))
    {
        try
        {
            metrics = await system.RunAsync(workload, timeout);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"  {workload.Label} failed: {ex.Message}");
            metrics = new() { ["error"] = 1 };
        }
        metrics["cpu_s"] = meter.CpuSeconds();
        metrics["peak_mb"] = meter.PeakMegabytes;
    }
    if (system.UsesPostgres && metrics.TryGetValue("jobs", out var jobs) && jobs > 0)
    {
        var after = await loopback.PostgresCountersAsync();
        metrics["commits_per_job"] = (after.Commits - pg.Commits) / jobs;
        metrics["wal_bytes_per_job"] = (after.WalBytes - pg.WalBytes) / jobs;
    }
    if (metrics.TryGetValue("completed_in_worker", out var worker) && metrics.TryGetValue("jobs", out var submitted) && submitted > 0)
    {
        metrics["worker_completion_share"] = worker / submitted;
    }
    return new Measurement(system.Name, system.Tier, system.IsActors, workload.Label, run, metrics);
}

static List<Workload> Plan(bool quick) => quick
    ?
    [
        new("enqueue", "enqueue, one at a time", 8, Jobs: 100, Submitters: 1),
        new("enqueue", "enqueue, 32 concurrent", 8, Jobs: 300, Submitters: 32),
        new("openloop", "open loop", 8, Rates: [50, 100, 200, 400], Seconds: 3),
        new("priority", "priorities under load", 8, Low: 200, High: 10, HighSpacingMs: 20),
        new("drain", "drain at concurrency 1", 1, Jobs: 200),
        new("drain", "drain at concurrency 8", 8, Jobs: 300),
        new("drain", "drain at concurrency 32", 32, Jobs: 300),
        new("streams", "event streams on running jobs", 100, Jobs: 100, DelayMs: 500),
    ]
    :
    [
        new("enqueue", "enqueue, one at a time", 8, Jobs: 1000, Submitters: 1),
        new("enqueue", "enqueue, 32 concurrent", 8, Jobs: 5000, Submitters: 32),
        new("openloop", "open loop", 8, Rates: [50, 100, 200, 400, 800], Seconds: 10),
        new("priority", "priorities under load", 8, Low: 2000, High: 50, HighSpacingMs: 20),
        new("drain", "drain at concurrency 1", 1, Jobs: 20_000),
        new("drain", "drain at concurrency 8", 8, Jobs: 20_000),
        new("drain", "drain at concurrency 32", 32, Jobs: 20_000),
        new("streams", "event streams on running jobs", 1000, Jobs: 1000, DelayMs: 1000),
    ];

Workload WarmUp(int concurrency) =>
    new("enqueue", "warm-up", concurrency, Jobs: quick ? 100 : 500, Submitters: 8);

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("run from inside the Actors checkout");
}

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
        : null;
    var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim() : "?";
    return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory} RAM, " +
           $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}";
}

/// <summary>The figures of one workload on one system in one run.</summary>
public sealed record Measurement(string System, string Tier, bool IsActors, string Workload, int Run, Dictionary<string, double> Metrics);
