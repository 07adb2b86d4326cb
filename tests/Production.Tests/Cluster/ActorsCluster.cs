using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Silo.Storage;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// A production-mode cluster of real processes: N silo processes and one API process (an Orleans
/// client), on a real PostgreSQL database and a real Redis, as <c>deploy/local-cluster.sh</c> runs
/// them. Membership timeouts are shortened (see <see cref="FastMembership"/>) so a killed silo is
/// declared dead in seconds rather than the production minute.
/// </summary>
public sealed class ActorsCluster : IAsyncDisposable
{
    /// <summary>
    /// Failure detection used by the fault tests: probe every second, a silo missing 2 probes is
    /// suspected and one vote declares it dead; the production defaults take 10–60 s.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FastMembership = new Dictionary<string, string>
    {
        ["Actors__Cluster__Membership__ProbeTimeout"] = "00:00:01",
        ["Actors__Cluster__Membership__NumMissedProbesLimit"] = "2",
        ["Actors__Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Actors__Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Actors__Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Actors__Cluster__Membership__DeathVoteExpirationTimeout"] = "00:00:10",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("actors-cluster-").FullName;
    private readonly Dictionary<string, string> _environment;
    private readonly List<NodeProcess> _silos = [];
    private NodeProcess? _api;

    private ActorsCluster(string postgres, string redis, ClusterIdentity identity, IReadOnlyDictionary<string, string> settings)
    {
        Identity = identity;
        PostgresConnectionString = postgres;
        CertificatePath = ClusterCertificates.WritePkcs12(_folder, "actors-test-cluster");
        _environment = new Dictionary<string, string>(FastMembership)
        {
            // Mutual TLS on the silo and gateway ports, as production requires: one self-signed certificate for every node.
            ["Actors__Cluster__Tls__CertificatePath"] = CertificatePath,
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__Redis"] = redis,
            ["Actors__Cluster__Mode"] = "Production",
            ["Actors__Cluster__ServiceId"] = identity.ServiceId,
            ["Actors__Cluster__ClusterId"] = identity.ServiceId,
            ["ACTORS_DEV_API_KEY"] = identity.ApiKey,
            // The tests call as the demo tenant, which a production node creates only when told to.
            ["Actors__DemoTenant__Enabled"] = "true",
            // One sealing key for the whole cluster, as production requires.
            ["Actors__Secrets__Key"] = identity.SecretsKey,
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Orleans"] = "Error",
            ["DOTNET_gcServer"] = "0",
            // The load tests submit hundreds of jobs a minute with one key.
            ["Actors__RateLimits__Submit__PerKey"] = "1000000",
            ["Actors__RateLimits__Submit__PerTenant"] = "1000000",
            ["Actors__RateLimits__Read__PerKey"] = "1000000",
            ["Actors__RateLimits__Read__PerTenant"] = "1000000",
            // ...and poll hundreds of jobs from one address.
            ["Actors__Api__ClientAddresses__PermitsPerPeriod"] = "1000000",
        };
        foreach (var (key, value) in settings)
        {
            _environment[key] = value;
        }
    }

    /// <summary>What makes this cluster's stored state its own; a cluster started on a restored backup reuses it.</summary>
    public ClusterIdentity Identity { get; }

    public string ServiceId => Identity.ServiceId;

    public string ApiKey => Identity.ApiKey;

    public string PostgresConnectionString { get; }

    /// <summary>The certificate every node of this cluster presents and trusts (PKCS#12, no password).</summary>
    public string CertificatePath { get; }

    /// <summary>Where this cluster keeps its files (logs, the certificate).</summary>
    public string Folder => _folder;

    /// <summary>The settings every node of this cluster starts with, as configuration keys (<c>Actors:Cluster:ServiceId</c>, …).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);

    public Uri ApiAddress { get; private set; } = null!;

    public IReadOnlyList<NodeProcess> Silos => _silos;

    /// <summary>Applies the schema, starts <paramref name="silos"/> silo processes and the API, and waits until the API is ready.</summary>
    public static async Task<ActorsCluster> StartAsync(string postgres, string redis, int silos = 3, IReadOnlyDictionary<string, string>? settings = null,
        ClusterIdentity? identity = null)
    {
        await SchemaMigrator.FromEmbeddedScripts().ApplyAsync(postgres);
        var cluster = new ActorsCluster(postgres, redis, identity ?? ClusterIdentity.New(), settings ?? new Dictionary<string, string>());
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }
        await cluster.StartApiAsync();
        return cluster;
    }

    public HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        return client;
    }

    public Task<NodeProcess> StartSiloAsync()
    {
        var ports = FreePorts(2);
        var silo = NodeProcess.Start($"silo{_silos.Count + 1}", BinaryOf("Silo", "Actors.Silo.dll"),
            [$"--Actors:Silo:SiloPort={ports[0]}", $"--Actors:Silo:GatewayPort={ports[1]}"], _environment, _folder);
        _silos.Add(silo);
        return Task.FromResult(silo);
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to hand anything over.</summary>
    public async Task KillSiloAsync(NodeProcess silo) => await silo.KillAsync();

    /// <summary>SIGTERM: the silo shuts down gracefully, deactivating its grains.</summary>
    public async Task StopSiloAsync(NodeProcess silo) => await silo.StopAsync(TimeSpan.FromSeconds(60));

    public async Task StartApiAsync()
    {
        var port = FreePorts(1)[0];
        ApiAddress = new Uri($"http://127.0.0.1:{port}");
        // Its own audit spill, kept across its restarts: what a killed API node did not store is sent by the next.
        string[] arguments = [$"--urls={ApiAddress}", $"--Actors:Audit:SpillPath={Path.Combine(_folder, "api-audit-spill")}"];
        if (_environment.TryGetValue("Actors__Cluster__ApiHostsSilo", out var hostsSilo) && bool.Parse(hostsSilo))
        {
            // The API node is a silo too: it needs its own silo and gateway ports.
            var ports = FreePorts(2);
            arguments = [.. arguments, $"--Actors:Silo:SiloPort={ports[0]}", $"--Actors:Silo:GatewayPort={ports[1]}"];
        }
        _api = NodeProcess.Start("api", BinaryOf("Api", "Actors.Api.dll"), arguments, _environment, _folder);
        await Poll.UntilAsync(async () =>
        {
            if (_api.HasExited)
            {
                throw new InvalidOperationException($"The API process exited ({_api.ExitCode}). Its output:\n{_api.Output}\nSilos:\n{string.Join("\n", _silos.Select(s => s.Output))}");
            }
            return await ReadinessAsync();
        }, ready => ready.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(90), $"the API at {ApiAddress} to be ready",
            ready => $"{ready.Body}. Its output:\n{_api.Output}");
    }

    /// <summary><c>/health/ready</c>'s status and body; a node that does not answer reads as 503 with the error.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ReadinessAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(ApiAddress, "/health/ready"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (HttpStatusCode.ServiceUnavailable, ex.Message);
        }
    }

    public async Task StopApiAsync()
    {
        if (_api is not null)
        {
            await _api.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Everything every process printed, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", _silos.Append(_api).OfType<NodeProcess>().Select(p => $"--- {p.Name}\n{p.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _silos.Append(_api).OfType<NodeProcess>())
        {
            await process.KillAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The built node next to this test build (same configuration), found from the folder holding Actors.sln.</summary>
    public static string BinaryOf(string project, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Repository.PathOf("src", project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.");
    }

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners)
        {
            listener.Start();
        }
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners)
        {
            listener.Stop();
        }
        return ports;
    }
}

/// <summary>A cluster's service id (which scopes its stored state), the demo tenant's key and the key that seals secrets.</summary>
public sealed record ClusterIdentity(string ServiceId, string ApiKey, string SecretsKey)
{
    public static ClusterIdentity New() => new("svc" + Guid.NewGuid().ToString("N")[..10], "ak_test_" + Guid.NewGuid().ToString("N"),
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
}

/// <summary>One node process (<c>dotnet Actors.*.dll</c>) with its output kept for diagnosis.</summary>
public sealed class NodeProcess
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join("\n", _output.TakeLast(2000));

    public static NodeProcess Start(string name, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var node = new NodeProcess(name, Process.Start(start)!);
        node._process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        Signals.Kill(_process.Id);
        await _process.WaitForExitAsync();
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }
        Signals.Terminate(_process.Id);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{Name} did not stop within {timeout.TotalSeconds} s of SIGTERM.\n{Output}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    public override string ToString() => $"{Name} (pid {Id})";
}
