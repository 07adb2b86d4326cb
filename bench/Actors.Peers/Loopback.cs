using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Actors.Peers;

/// <summary>
/// PostgreSQL (synchronous_commit on) and Redis (AOF everysec, noeviction) started for the whole
/// run on loopback, in a folder of their own; both stop when the run ends.
/// </summary>
public sealed class Loopback : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _pgBin;
    private Process? _redis;

    private Loopback(string dir, string pgBin)
    {
        _dir = dir;
        _pgBin = pgBin;
    }

    public int PostgresPort { get; private set; }

    public int RedisPort { get; private set; }

    public int PostmasterPid { get; private set; }

    public int RedisPid => _redis?.Id ?? 0;

    public string PostgresConnection(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    public string PostgresUri(string database) => $"postgres://postgres@127.0.0.1:{PostgresPort}/{database}";

    public static async Task<Loopback> StartAsync(string dir)
    {
        var pgBin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(Directory.Exists).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL binaries not found: apt-get install -y postgresql");
        Directory.CreateDirectory(dir);
        var loopback = new Loopback(dir, pgBin);
        await loopback.StartPostgresAsync();
        await loopback.StartRedisAsync();
        return loopback;
    }

    private static bool Root => Environment.UserName == "root";

    private Task<string> AsPostgres(string tool, params string[] args) =>
        Root ? Processes.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_pgBin, tool), .. args])
             : Processes.RunAsync(Path.Combine(_pgBin, tool), args);

    private async Task StartPostgresAsync()
    {
        var data = Path.Combine(_dir, "pg");
        Directory.CreateDirectory(data);
        if (Root)
        {
            await Processes.RunAsync("chown", ["-R", "postgres:postgres", _dir]);
        }
        await AsPostgres("initdb", "-D", data, "--auth=trust", "-U", "postgres", "--no-sync");
        PostgresPort = Processes.FreePort();
        await AsPostgres("pg_ctl", "-D", data, "-l", Path.Combine(_dir, "postgres.log"), "-w", "-o",
            $"-p {PostgresPort} -h 127.0.0.1 -k {_dir} -c synchronous_commit=on -c fsync=on -c max_connections=300", "start");
        PostmasterPid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
    }

    private async Task StartRedisAsync()
    {
        RedisPort = Processes.FreePort();
        var redisDir = Path.Combine(_dir, "redis");
        Directory.CreateDirectory(redisDir);
        _redis = Processes.Start("redis-server",
            ["--port", RedisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", redisDir,
             "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction", "--save", ""],
            Path.Combine(_dir, "redis.log"));
        for (var i = 0; i < 100 && !await RedisAnswersAsync(); i++)
        {
            await Task.Delay(100);
        }
    }

    private async Task<bool> RedisAnswersAsync()
    {
        try
        {
            return (await Processes.RunAsync("redis-cli", ["-p", RedisPort.ToString(CultureInfo.InvariantCulture), "ping"])).Contains("PONG", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public Task FlushRedisAsync() => Processes.RunAsync("redis-cli", ["-p", RedisPort.ToString(CultureInfo.InvariantCulture), "flushall"]);

    /// <summary>A fresh, empty database for one system run.</summary>
    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresConnection("postgres"));
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Commits of the cluster and the WAL position, for per-job costs.</summary>
    public async Task<(long Commits, long WalBytes)> PostgresCountersAsync()
    {
        // Statistics are flushed by backends at most once a second.
        await Task.Delay(1200);
        await using var connection = new NpgsqlConnection(PostgresConnection("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT sum(xact_commit) FROM pg_stat_database)::bigint, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        await Processes.StopAsync(_redis, TimeSpan.FromSeconds(5));
        try
        {
            await AsPostgres("pg_ctl", "-D", Path.Combine(_dir, "pg"), "-m", "fast", "-w", "stop");
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"stopping PostgreSQL: {ex.Message}");
        }
    }
}
