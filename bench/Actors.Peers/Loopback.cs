using Actors.Testing;
using Npgsql;

namespace Actors.Peers;

/// <summary>
/// PostgreSQL (durable: fsync and synchronous commit on) and Redis (AOF everysec) for the whole run,
/// on loopback: the testing kit's launchers, the ones the fault tests use. Both stop when the run ends.
/// </summary>
public sealed class Loopback : IAsyncDisposable
{
    private readonly PostgresServer _postgres = new() { Settings = new PostgresSettings(Durable: true, MaxConnections: 300) };
    private RedisServer? _redis;

    private Loopback()
    {
    }

    public int RedisPort => _redis!.Port;

    public int PostmasterPid => _postgres.ServerPid;

    public int RedisPid => _redis?.Pid ?? 0;

    public string PostgresConnection(string database) =>
        new NpgsqlConnectionStringBuilder(_postgres.ConnectionTo(database)) { Pooling = true, MaxPoolSize = 50 }.ConnectionString;

    public string PostgresUri(string database) => $"postgres://postgres@127.0.0.1:{_postgres.Port}/{database}";

    public static async Task<Loopback> StartAsync()
    {
        var loopback = new Loopback();
        await loopback._postgres.InitializeAsync();
        loopback._redis = await RedisServer.StartAsync();
        return loopback;
    }

    public Task FlushRedisAsync() => _redis!.FlushAllAsync();

    /// <summary>A fresh, empty database for one system run.</summary>
    public Task CreateDatabaseAsync(string name) => _postgres.CreateDatabaseAsync(name);

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
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }
}
