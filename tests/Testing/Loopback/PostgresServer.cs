using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Xunit;

namespace Actors.Testing;

/// <summary>
/// How a <see cref="PostgresServer"/> runs: throwaway (no fsync, asynchronous commit: the tests'
/// default) or durable (fsync and synchronous commit on, as the benchmarks measure production).
/// </summary>
public sealed record PostgresSettings(bool Durable = false, int MaxConnections = 100)
{
    public static readonly PostgresSettings Throwaway = new();
}

/// <summary>
/// A real PostgreSQL server from Debian's binaries, private to this test run: a fresh data folder
/// in a temp directory, listening on 127.0.0.1 and a free port (its unix socket in that folder).
/// PostgreSQL refuses to run as root, so under root (CI) it runs as the <c>postgres</c> system user.
/// Each test takes its own database from <see cref="CreateDatabaseAsync"/>. An xunit fixture
/// (<see cref="IAsyncLifetime"/>) for the tests; the benchmarks call the same two methods.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<string> _log = new();
    private string _folder = "";
    private string _binaries = "";
    private string _data = "";
    private Process? _process;
    private int _serverPid;

    /// <summary>How it runs; set before <see cref="InitializeAsync"/> (xunit wants one constructor, without parameters).</summary>
    public PostgresSettings Settings { get; init; } = PostgresSettings.Throwaway;

    public int Port { get; private set; }

    /// <summary>The postmaster's process id (under runuser, not the child this process started).</summary>
    public int ServerPid => _serverPid;

    /// <summary>The <c>actors</c> database, created at start.</summary>
    public string ConnectionString { get; private set; } = "";

    private static bool RunningAsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        var binaries = FindBinaries();
        _folder = Directory.CreateTempSubdirectory("actors-pg-").FullName;
        var data = Path.Combine(_folder, "data");
        if (RunningAsRoot)
        {
            await RunToEndAsync("chown", [$"{SystemUser}:", _folder], asPostgresUser: false);
        }
        // Trust on loopback only, C locale and no fsync: a throwaway server that starts in about a second.
        await RunToEndAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], asPostgresUser: true);

        Port = Ports.FreeOne();
        _binaries = binaries;
        _data = data;
        await LaunchServerAsync();
        ConnectionString = await CreateDatabaseAsync("actors");
    }

    /// <summary>
    /// An outage: a fast shutdown (SIGINT) that drops every client connection, as a crash or a restart
    /// for maintenance does. Tests in this collection run one at a time, so the outage is this test's alone.
    /// </summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Signals.Interrupt(_serverPid);
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _process!.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    /// <summary>The same server back on the same port with the same data, after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync() => LaunchServerAsync();

    private async Task LaunchServerAsync()
    {
        string[] durability = Settings.Durable
            ? ["-c", "fsync=on", "-c", "synchronous_commit=on"]
            : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
        _process = Launch(Path.Combine(_binaries, "postgres"),
        [
            "-D", _data, "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _folder,
            "-c", $"max_connections={Settings.MaxConnections.ToString(CultureInfo.InvariantCulture)}", .. durability,
        ], asPostgresUser: true);
        await WaitUntilAcceptingAsync();
        // Under runuser the child we started is runuser, not the server: postgres writes its own pid here.
        _serverPid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(_data, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Creates an empty database (a fresh name unless given; one of that name is dropped first) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "actors_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionTo("postgres")))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionTo(name);
    }

    public async Task DisposeAsync()
    {
        // Idle pooled connections would hold up a smart shutdown.
        NpgsqlConnection.ClearAllPools();
        if (_process is not null)
        {
            if (_serverPid > 0)
            {
                Signals.Terminate(_serverPid);
            }
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                if (_serverPid > 0)
                {
                    Signals.Kill(_serverPid);
                }
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
        }
        if (_folder.Length > 0)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A server still shutting down may hold a file for a moment; the temp folder is disposable.
            }
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server, as the postgres user.</summary>
    public string ConnectionTo(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    private static string FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        var versions = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException(
                $"PostgreSQL server binaries not found under {Root}/<version>/bin: run `apt-get install -y postgresql` (what .ci/run does).");
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionTo("postgres")) { Pooling = false, Timeout = 2 }.ConnectionString;
        string? lastError = null;
        await Eventually.Until(async () =>
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {_process.ExitCode} before accepting connections on port {Port}. Its log:\n{Log}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException ex)
            {
                lastError = ex.Message;
                return false;
            }
        }, accepting => accepting, $"PostgreSQL to accept connections on 127.0.0.1:{Port}", StartTimeout, _ => $"{lastError}. Its log:\n{Log}");
    }

    private string Log => string.Join('\n', _log);

    /// <summary>Starts a program; a server binary runs as the postgres user when we are root.</summary>
    private Process Launch(string binary, IEnumerable<string> arguments, bool asPostgresUser)
    {
        var viaRunuser = asPostgresUser && RunningAsRoot;
        var start = new ProcessStartInfo(viaRunuser ? "runuser" : binary)
        {
            // A folder the postgres user can enter: the test's own working directory may be root's.
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        IEnumerable<string> all = viaRunuser ? ["-u", SystemUser, "--", binary, .. arguments] : arguments;
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log.Enqueue(line);
        // Keep the tail: enough to explain a failed start, bounded for a long run.
        while (_log.Count > 200 && _log.TryDequeue(out _))
        {
        }
    }

    private async Task RunToEndAsync(string binary, string[] arguments, bool asPostgresUser)
    {
        using var process = Launch(binary, arguments, asPostgresUser);
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(binary)} did not finish within {StartTimeout.TotalSeconds} s. Output:\n{Log}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(binary)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}. Output:\n{Log}");
        }
    }
}
