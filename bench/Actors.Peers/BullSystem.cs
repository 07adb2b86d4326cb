using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Peers;

/// <summary>
/// BullMQ (bench/peers/bullmq): a Worker process started fresh for each group of workloads, and a
/// driver process per workload (Queue + one QueueEvents listener). On Redis (AOF everysec) or on
/// PostgreSQL (the same server and settings as Actors uses).
/// </summary>
public sealed class BullSystem(string peerDir, string logs, Loopback loopback, bool postgres) : IPeerSystem
{
    private Process? _worker;
    private JsonObject _connection = new();
    private string _queue = "";

    public string Name => postgres ? "BullMQ (PostgreSQL)" : "BullMQ (Redis AOF)";

    public string Tier => postgres ? "postgres" : "fast";

    public bool UsesPostgres => postgres;

    public bool IsActors => false;

    public async Task StartAsync(int concurrency, string runId)
    {
        _queue = $"bench-{runId}";
        if (postgres)
        {
            var database = $"bullmq_{runId}".Replace('-', '_');
            await loopback.CreateDatabaseAsync(database);
            _connection = new JsonObject { ["backend"] = "postgres", ["postgres"] = loopback.PostgresUri(database), ["schema"] = "bullmq" };
        }
        else
        {
            await loopback.FlushRedisAsync();
            _connection = new JsonObject { ["backend"] = "redis", ["redis"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = loopback.RedisPort } };
        }
        _concurrency = concurrency;
        await StartWorkerAsync(0);
    }

    private int _concurrency;

    private async Task StartWorkerAsync(int delayMs)
    {
        var config = Config();
        config["concurrency"] = _concurrency;
        config["delayMs"] = delayMs;
        _worker = Processes.Start("node", ["peer.mjs", "worker", config.ToJsonString()],
            Path.Combine(logs, $"bullmq-{Tier}-{_queue}.log"), peerDir, redirectStdin: true, captureStdout: true);
        var ready = await _worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
        if (ready != "ready")
        {
            throw new InvalidOperationException($"the BullMQ worker did not start (said '{ready}'); see {logs}");
        }
    }

    private JsonObject Config()
    {
        var config = (JsonObject)_connection.DeepClone();
        config["queue"] = _queue;
        return config;
    }

    public IReadOnlyList<int> Pids()
    {
        var pids = new List<int>();
        if (_worker is { HasExited: false })
        {
            pids.Add(_worker.Id);
        }
        if (postgres)
        {
            pids.AddRange(Meter.WithChildren(loopback.PostmasterPid));
        }
        else
        {
            pids.Add(loopback.RedisPid);
        }
        return pids;
    }

    public async Task<Dictionary<string, double>> RunAsync(Workload w, TimeSpan timeout)
    {
        if (w.DelayMs > 0)
        {
            // The job's delay is the worker's: restart it with the delay this workload asks for.
            await StopWorkerAsync();
            await StartWorkerAsync(w.DelayMs);
        }
        var before = await WorkerCompletedAsync();
        var config = Config();
        config["timeoutSeconds"] = timeout.TotalSeconds;
        config["workload"] = new JsonObject
        {
            ["kind"] = w.Kind,
            ["jobs"] = w.Jobs,
            ["concurrency"] = w.Submitters,
            ["rates"] = w.Rates is null ? null : new JsonArray(w.Rates.Select(r => (JsonNode)r).ToArray()),
            ["seconds"] = w.Seconds,
            ["low"] = w.Low,
            ["high"] = w.High,
            ["highSpacingMs"] = w.HighSpacingMs,
            ["saturationP99Ms"] = w.SaturationP99Ms,
        };
        var output = await Processes.RunAsync("node", ["peer.mjs", "drive", config.ToJsonString()], peerDir, timeout: timeout + TimeSpan.FromMinutes(2));
        var json = JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
        var result = Translate(json, w.SaturationP99Ms);
        result["completed_in_worker"] = await WorkerCompletedAsync() - before;
        return result;
    }

    /// <summary>peer.mjs's names to the harness's (the same names the Actors driver reports).</summary>
    private static Dictionary<string, double> Translate(JsonObject json, double saturationP99Ms)
    {
        static double Num(JsonNode? node) => node is null ? double.NaN : node.GetValue<double>();
        var result = new Dictionary<string, double>();
        var jobs = Num(json["jobs"]);
        result["jobs"] = jobs;
        result["e2e_p50_ms"] = Num(json["e2e_p50"]);
        result["e2e_p99_ms"] = Num(json["e2e_p99"]);
        result["e2e_p999_ms"] = Num(json["e2e_p999"]);
        result["progress_share"] = Num(json["progress_seen"]) / (3 * jobs);
        result["completion_share"] = Num(json["completions_seen"]) / jobs;
        foreach (var (from, to) in new[]
                 {
                     ("jobs_per_s", "jobs_per_s"), ("submit_p50", "submit_p50_ms"), ("submit_p99", "submit_p99_ms"),
                     ("events_per_s", "events_per_s"), ("high_wait_p50", "high_wait_p50_ms"), ("high_wait_p99", "high_wait_p99_ms"),
                     ("low_wait_p50", "low_wait_p50_ms"), ("low_wait_p99", "low_wait_p99_ms"),
                 })
        {
            if (json.ContainsKey(from))
            {
                result[to] = Num(json[from]);
            }
        }
        if (json["steps"] is JsonArray steps)
        {
            double sustained = 0;
            var saturated = false;
            foreach (var step in steps.Select(s => s!.AsObject()))
            {
                var rate = Num(step["rate"]);
                result[$"e2e_p50_ms@{rate}/s"] = Num(step["e2e_p50"]);
                result[$"e2e_p99_ms@{rate}/s"] = Num(step["e2e_p99"]);
                result[$"e2e_p999_ms@{rate}/s"] = Num(step["e2e_p999"]);
                saturated |= !step["finished"]!.GetValue<bool>() || Num(step["achieved"]) < 0.9 * rate || !(Num(step["e2e_p99"]) <= saturationP99Ms);
                if (!saturated)
                {
                    sustained = rate;
                }
            }
            result["max_sustained_rate"] = sustained;
        }
        return result;
    }

    private async Task<double> WorkerCompletedAsync()
    {
        await _worker!.StandardInput.WriteLineAsync("stats");
        await _worker.StandardInput.FlushAsync();
        var line = await _worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return JsonDocument.Parse(line!).RootElement.GetProperty("completed").GetDouble();
    }

    private async Task StopWorkerAsync()
    {
        if (_worker is null)
        {
            return;
        }
        try
        {
            await _worker.StandardInput.WriteLineAsync("exit");
            await _worker.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
        }
        await Processes.StopAsync(_worker, TimeSpan.FromSeconds(15)).WaitAsync(TimeSpan.FromSeconds(30));
        _worker.Dispose();
        _worker = null;
    }

    public Task StopAsync() => StopWorkerAsync();
}
