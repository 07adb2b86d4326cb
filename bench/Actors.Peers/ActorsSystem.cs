using System.Diagnostics;
using System.Globalization;
using Actors.Testing;

namespace Actors.Peers;

/// <summary>
/// Actors, started fresh for each group of workloads: the embedded node (one process, state in
/// memory), or production mode (one node whose API hosts a silo, <c>Actors:Cluster:ApiHostsSilo</c>;
/// state in PostgreSQL with synchronous commit, membership and reminders in Redis). One process
/// each, as BullMQ runs one Worker process. Both enable the <c>bench_echo</c> job shape.
/// </summary>
public sealed class ActorsSystem(string root, string logs, Loopback loopback, bool production) : IPeerSystem
{
    private const string Key = "ak_test_peerbench_0123456789abcdef0123456789abcdef";
    private readonly List<Process> _processes = [];
    private ActorsDriver? _driver;

    public string Name => production ? "Actors (PostgreSQL + Redis)" : "Actors (embedded)";

    public string Tier => production ? "postgres" : "fast";

    public bool UsesPostgres => production;

    public bool IsActors => true;

    public async Task StartAsync(int concurrency, string runId)
    {
        var api = Path.Combine(root, "src/Api/bin/Release/net10.0");
        var silo = Path.Combine(root, "src/Silo/bin/Release/net10.0");
        var port = Ports.FreeOne();
        var url = $"http://127.0.0.1:{port}";
        string[] common =
        [
            "--Actors:Bench:Enabled=true",
            // BullMQ has no per-key rate limits; the defaults (10 submits/s per key) would refuse the load.
            "--Actors:RateLimits:Enabled=false",
            $"--Actors:Queue:DefaultConcurrency={concurrency}",
            "--Actors:Queue:JobListCapacity=1000000",
            // A drain submits its 20,000 jobs before they run, and five runs pass any monthly quota.
            "--Actors:Queue:MaxQueuedJobs=0",
            "--Actors:Tenants:Defaults:JobsPerMonth=0",
            // The streams workload holds one event stream per job in flight, far past the per-key limit.
            "--Actors:Api:Events:MaxOpenPerKey=0",
            "--Actors:Api:Events:MaxOpenPerTenant=0",
            "--Actors:Jobs:Timeout=01:00:00",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Warning",
            "--Serilog:MinimumLevel:Override:Microsoft=Warning",
            // One log line per request is an operator's choice, not part of the job path; BullMQ logs nothing either.
            "--Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning",
        ];
        var environment = new Dictionary<string, string> { ["ACTORS_DEV_API_KEY"] = Key, ["DOTNET_gcServer"] = "0" };
        var log = Path.Combine(logs, $"actors-{Tier}-{runId}.log");
        if (production)
        {
            var database = $"actors_{runId}".Replace('-', '_');
            await loopback.CreateDatabaseAsync(database);
            await loopback.FlushRedisAsync();
            environment["Actors__Cluster__Mode"] = "Production";
            environment["ConnectionStrings__Postgres"] = loopback.PostgresConnection(database);
            environment["ConnectionStrings__Redis"] = $"127.0.0.1:{loopback.RedisPort}";
            environment["Actors__Cluster__ServiceId"] = $"bench-{runId}";
            environment["Actors__Cluster__ClusterId"] = $"bench-{runId}";
            environment["Actors__Secrets__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            environment["Actors__Cluster__ApiHostsSilo"] = "true";
            // The benchmark drives the demo tenant, which a production node creates only when told to.
            environment["Actors__DemoTenant__Enabled"] = "true";
            // One process and no other silo: no cluster connection for TLS to protect (production clusters keep it on).
            environment["Actors__Cluster__Tls__Enabled"] = "false";
            await Processes.RunAsync("dotnet", [Path.Combine(silo, "Actors.Silo.dll"), "migrate"], silo, environment);
        }
        common = [.. common, $"--Actors:Silo:SiloPort={Ports.FreeOne()}", $"--Actors:Silo:GatewayPort={Ports.FreeOne()}"];
        _processes.Add(Processes.Start("dotnet", [Path.Combine(api, "Actors.Api.dll"), "--urls", url, .. common], log, api, environment));
        _driver = new ActorsDriver(new Uri(url), Key);
        await _driver.WaitReadyAsync(TimeSpan.FromMinutes(2));
    }

    public IReadOnlyList<int> Pids()
    {
        var pids = _processes.Where(p => !p.HasExited).Select(p => p.Id).ToList();
        if (production)
        {
            pids.AddRange(Meter.WithChildren(loopback.PostmasterPid));
            pids.Add(loopback.RedisPid);
        }
        return pids;
    }

    /// <summary>The process that runs the grains: the node.</summary>
    public int GrainProcessId => _processes[0].Id;

    public Task<Dictionary<string, double>> RunAsync(Workload workload, TimeSpan timeout) => _driver!.RunAsync(workload, timeout);

    public async Task StopAsync()
    {
        _driver?.Dispose();
        _driver = null;
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await Processes.StopAsync(_processes[i], TimeSpan.FromSeconds(20));
            _processes[i].Dispose();
        }
        _processes.Clear();
    }
}
