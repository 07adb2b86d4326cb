using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Chaos;
using Npgsql;

// The fault scenario (docs/production.md, "The fault scenario"), run by bench/chaos.sh against a cluster
// that deploy/local-cluster.sh started: retrying clients submit ~3 s jobs while 5 silos are SIGKILLed
// (one at a time, restarted once the jobs run again), the API node is SIGKILLed and PostgreSQL restarts.
var api = new Uri(Option("--api") ?? "http://127.0.0.1:5000");
var key = Option("--key") ?? throw new ArgumentException("--key is required");
var script = Option("--cluster") ?? "deploy/local-cluster.sh";
var postgres = Option("--postgres") ?? throw new ArgumentException("--postgres is required");
var serviceId = Option("--service") ?? "actors-local";
var jobs = Int("--jobs", 200);
var delayMs = Int("--delay-ms", 1000);
var output = Option("--out");
var folder = Option("--dir") ?? throw new ArgumentException("--dir (the cluster's state folder) is required");
var runId = "chaos-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(40) };
http.DefaultRequestHeaders.Add("X-API-Key", key);
// ~1.4 jobs a second: a tenant's 4 slots run 3 s jobs at 1.33 a second, so the queue stays short and every fault finds jobs running.
var load = new Load(http, jobs, TimeSpan.FromSeconds(0.7), delayMs, runId);
using var stop = new CancellationTokenSource();
var submitting = load.SubmitAllAsync(clients: 8, stop.Token);
var watching = load.WatchAsync(stop.Token);

var faults = new List<FaultResult>();
var silo = 0;
await Task.Delay(TimeSpan.FromSeconds(15));
for (var i = 0; i < 5; i++)
{
    var node = $"silo{silo % 3 + 1}";
    silo++;
    faults.Add(await FaultAsync($"SIGKILL {node}", () => Cluster("kill", node), () => Cluster("start", node)));
    // The next kill waits for this silo to have joined: on a loaded machine that takes a while, and a cluster
    // whose other silos have not joined yet has no silo left when the next one dies.
    await Until(() => Task.FromResult(File.Exists(Path.Combine(folder, $"{node}.log"))
        && File.ReadAllText(Path.Combine(folder, $"{node}.log")).Contains("Application started", StringComparison.Ordinal)), TimeSpan.FromSeconds(120));
    await Task.Delay(TimeSpan.FromSeconds(5));
}
faults.Add(await FaultAsync("SIGKILL api", async () =>
{
    await Cluster("kill", "api");
    await Cluster("start", "api");
}, after: null));
await Task.Delay(TimeSpan.FromSeconds(8));
faults.Add(await FaultAsync("PostgreSQL restart", () => Cluster("restart-postgres"), after: null));

await submitting;
var finished = await Until(() => Task.FromResult(load.Accepted == jobs && load.States.Values.All(s => s.Terminal)), TimeSpan.FromMinutes(6));
stop.Cancel();
await Quietly(watching);

// What the clients were told, against what storage holds.
var states = load.States;
var byKey = load.JobsByKey;
var acceptedIds = byKey.Values.SelectMany(ids => ids).ToHashSet();
var completed = states.Count(s => s.Value.Status == "completed");
var failed = states.Count(s => s.Value.Status == "failed");
var lost = states.Count(s => !s.Value.Terminal);
await using var database = NpgsqlDataSource.Create(postgres);
// A job records its completion just after its completed state is visible (its watchdog retries): wait for the ledger.
await Until(async () => (await LedgerAsync(database)).Jobs >= completed, TimeSpan.FromSeconds(90));
var (ledgerJobs, ledgerDuplicates) = await LedgerAsync(database);
var retryDuplicates = byKey.Count(k => k.Value.Count > 1);
var rows = await RowsAsync(database);
var extraJobs = rows.Keys.Count(id => !acceptedIds.Contains(id));
var atEnd = Disagreeing(rows, states);
var settle = Stopwatch.StartNew();
while (Disagreeing(rows, states) > 0 && settle.Elapsed < TimeSpan.FromSeconds(90))
{
    await Task.Delay(1000);
    rows = await RowsAsync(database);
}
var listed = (await ListedAsync(http)).Where(r => states.ContainsKey(r.Key)).ToDictionary();
var listDisagreeing = listed.Count(r => !states.TryGetValue(r.Key, out var s) || s.Status != r.Value) + states.Keys.Count(id => !listed.ContainsKey(id));
var answered = load.AnsweredRequests;
await Until(async () => (await AuditedAsync(database)).Count(answered.ContainsKey) >= answered.Count, TimeSpan.FromSeconds(90));
var auditedIds = await AuditedAsync(database);
var missingAudit = answered.Where(a => !auditedIds.Contains(a.Key)).ToList();
// An accepted submit (202) was performed, so its entry must be there; another answer may have come before
// the caller's key could be checked (a 503 while its grain's silo fails over), which has no tenant's log.
var auditLost = missingAudit.Count(m => m.Value == 202);
var unaudited = missingAudit.Where(m => m.Value != 202).GroupBy(m => m.Value).Select(g => $"{g.Count()} answered {g.Key}").ToList();
foreach (var (requestId, status) in missingAudit.Take(20))
{
    Console.Error.WriteLine($"no audit entry for request {requestId}, answered {status}");
}
foreach (var (jobId, state) in states.Where(s => !s.Value.Terminal).Take(20))
{
    Console.Error.WriteLine($"unfinished for the clients: {jobId} last read {state}; row {(rows.TryGetValue(jobId, out var row) ? row : "none")}");
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Fault scenario {runId}: {jobs} bench_echo jobs of 3 x {delayMs} ms, 8 retrying clients, 3 silos + 1 API node, PostgreSQL + Redis (AOF)");
report.AppendLine();
report.AppendLine("| figure | value |");
report.AppendLine("|---|---|");
report.AppendLine(CultureInfo.InvariantCulture, $"| jobs accepted / completed / failed / lost | {load.Accepted} / {completed} / {failed} / {lost} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| completed twice (ledger: {ledgerJobs} jobs) | {ledgerDuplicates} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| idempotent-retry duplicates (keys with 2+ jobs; jobs no client was told of) | {retryDuplicates}; {extraJobs} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| actors_jobs rows disagreeing with their jobs: when all had finished / after {settle.Elapsed.TotalSeconds:0} s | {atEnd} / {Disagreeing(rows, states)} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| GET /api/v1/analyses rows disagreeing with their jobs | {listDisagreeing} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| audit entries lost: accepted submits without an entry (answered submits: {answered.Count}, {answered.Values.Count(v => v == 202)} accepted; refused for the audit bound: {load.AuditRefusedRequests.Count}) | {auditLost} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| other answered submits without an entry (answered before the key was checked: no tenant) | {(unaudited.Count == 0 ? "0" : string.Join(", ", unaudited))} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| all jobs finished | {(finished ? "yes" : "NO (timed out)")} |");
report.AppendLine();
report.AppendLine("| fault | jobs running at the fault | recovery: every one of them running again | last of them finished | HTTP answers during the fault (until recovery) |");
report.AppendLine("|---|---|---|---|---|");
foreach (var f in faults)
{
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {f.Name} | {f.InFlight} | {(f.Recovered is { } r ? $"{r.TotalSeconds:0.0} s" : "not within 90 s")} | {(f.Finished is { } d ? $"{d.TotalSeconds:0.0} s" : "—")} | {f.Codes} |");
}
Console.WriteLine(report);
if (output is not null)
{
    await File.WriteAllTextAsync(output, report.ToString());
}
return lost == 0 && ledgerDuplicates == 0 && retryDuplicates == 0 && extraJobs == 0 && auditLost == 0 && listDisagreeing == 0 ? 0 : 1;

// One fault: what was running, the fault, then how long until every one of those jobs moved on
// (a step, an attempt, a status) or finished; then `after` (the killed silo started again).
async Task<FaultResult> FaultAsync(string name, Func<Task> fault, Func<Task>? after)
{
    var running = load.States.Where(s => s.Value.Status == "running").ToDictionary(s => s.Key, s => s.Value);
    var start = load.Now;
    Console.Error.WriteLine($"{start.TotalSeconds,6:0.0} s  {name} ({running.Count} jobs running)");
    await fault();
    TimeSpan? recovered = null;
    TimeSpan? done = null;
    var moved = new HashSet<string>();
    while (load.Now - start < TimeSpan.FromSeconds(90) && (recovered is null || done is null))
    {
        foreach (var (jobId, before) in running)
        {
            if (!moved.Contains(jobId) && load.States.TryGetValue(jobId, out var now) && now != before && now.Status != "missing")
            {
                moved.Add(jobId);
            }
        }
        if (recovered is null && moved.Count == running.Count)
        {
            recovered = load.Now - start;
        }
        if (done is null && running.Keys.All(id => load.States.TryGetValue(id, out var s) && s.Terminal))
        {
            done = load.Now - start;
        }
        await Task.Delay(100);
    }
    var until = start + (recovered ?? TimeSpan.FromSeconds(90));
    var codes = string.Join(", ", load.Seen.Where(s => s.At >= start && s.At <= until).GroupBy(s => s.Code).OrderBy(g => g.Key)
        .Select(g => $"{g.Key}: {g.Count()}"));
    Console.Error.WriteLine($"{load.Now.TotalSeconds,6:0.0} s  {name}: recovered {recovered?.TotalSeconds:0.0} s, finished {done?.TotalSeconds:0.0} s; {codes}");
    if (after is not null)
    {
        await after();
    }
    return new FaultResult(name, running.Count, recovered, done, codes);
}

async Task Cluster(params string[] arguments)
{
    var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(script);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }
    using var process = Process.Start(start)!;
    var said = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    Console.Error.WriteLine($"         {string.Join(' ', arguments)}: {said.Trim()}");
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {said}");
    }
}

async Task<(long Jobs, long Duplicates)> LedgerAsync(NpgsqlDataSource source)
{
    await using var command = source.CreateCommand("SELECT count(*), count(*) FILTER (WHERE completions > 1) FROM actors_job_completions WHERE service_id = $1");
    command.Parameters.AddWithValue(serviceId);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(1));
}

async Task<Dictionary<string, string>> RowsAsync(NpgsqlDataSource source)
{
    await using var command = source.CreateCommand("SELECT job_id, status FROM actors_jobs WHERE service_id = $1 AND job_id IN (SELECT unnest($2::text[]))");
    command.Parameters.AddWithValue(serviceId);
    command.Parameters.AddWithValue(load.States.Keys.ToArray());
    await using var reader = await command.ExecuteReaderAsync();
    var found = new Dictionary<string, string>();
    while (await reader.ReadAsync())
    {
        found[reader.GetString(0)] = reader.GetString(1);
    }
    return found;
}

async Task<HashSet<string>> AuditedAsync(NpgsqlDataSource source)
{
    await using var command = source.CreateCommand("SELECT request_id FROM actors_audit WHERE service_id = $1 AND action = 'analysis.submit' AND request_id LIKE $2");
    command.Parameters.AddWithValue(serviceId);
    command.Parameters.AddWithValue(runId + "-%");
    await using var reader = await command.ExecuteReaderAsync();
    var found = new HashSet<string>();
    while (await reader.ReadAsync())
    {
        found.Add(reader.GetString(0));
    }
    return found;
}

static int Disagreeing(Dictionary<string, string> rows, IReadOnlyDictionary<string, JobState> jobs) =>
    jobs.Count(j => !rows.TryGetValue(j.Key, out var status) || status != j.Value.Status);

static async Task<Dictionary<string, string>> ListedAsync(HttpClient http)
{
    var found = new Dictionary<string, string>();
    for (var page = 1; ; page++)
    {
        var list = await http.GetFromJsonAsync<JsonElement>($"/api/v1/analyses?per_page=250&page={page}&type=bench_echo");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        foreach (var item in items)
        {
            found[item.GetProperty("job_id").GetString()!] = item.GetProperty("status").GetString()!;
        }
        if (items.Count < 250)
        {
            return found;
        }
    }
}

static async Task<bool> Until(Func<Task<bool>> done, TimeSpan timeout)
{
    var clock = Stopwatch.StartNew();
    while (!await done())
    {
        if (clock.Elapsed > timeout)
        {
            return false;
        }
        await Task.Delay(500);
    }
    return true;
}

static async Task Quietly(Task task)
{
    try
    {
        await task;
    }
    catch (OperationCanceledException)
    {
    }
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

int Int(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

internal sealed record FaultResult(string Name, int InFlight, TimeSpan? Recovered, TimeSpan? Finished, string Codes);
