using Npgsql;

namespace Actors.Silo.Storage;

/// <summary>
/// What a silo reads and writes about restores from backup (<c>deploy/sql/0007_restores.sql</c>):
/// the restores this service has not recovered from yet, the jobs such a restore left in flight, and
/// the record that they were re-armed.
/// </summary>
public sealed class PostgresRestores(NpgsqlDataSource database, string serviceId)
{
    private const string Pending = """
        SELECT r.restore_id FROM actors_restores r
        WHERE NOT EXISTS (SELECT 1 FROM actors_restore_recoveries c WHERE c.restore_id = r.restore_id AND c.service_id = @service)
        ORDER BY r.restore_id
        """;

    // The job's own state is the record (a job submitted just before the backup may not be in the job
    // list yet); the list adds a finished job whose list row, ledger row or queue slot was still to be
    // settled (its terminal state was saved, the rest is done again by its watchdog). Status is stored
    // as the JobStatus number: 0 queued, 1 running (docs/production.md, "Storage serializer").
    private const string InFlight = """
        SELECT grain_key_ext FROM actors_grain_state
        WHERE service_id = @service AND state_name = @state AND payload IS NOT NULL AND grain_key_ext IS NOT NULL
          AND (convert_from(payload, 'UTF8')::jsonb ->> 'Status') IN ('0', '1')
        UNION
        SELECT tenant_id || '/' || job_id FROM actors_jobs
        WHERE service_id = @service AND status IN ('queued', 'running')
        """;

    private const string Recovered = """
        INSERT INTO actors_restore_recoveries (restore_id, service_id, jobs)
        SELECT unnest(@restores), @service, @jobs
        ON CONFLICT (restore_id, service_id) DO NOTHING
        """;

    /// <summary>The restores whose jobs this service has not re-armed yet (none, nearly always).</summary>
    public async Task<IReadOnlyList<long>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(Pending);
        return await ReadAllAsync(command, r => r.GetInt64(0), cancellationToken);
    }

    /// <summary>The keys (<c>{tenant}/{job}</c>) of this service's jobs that are not finished, or whose finish is not settled.</summary>
    public async Task<IReadOnlyList<string>> JobsInFlightAsync(string jobStateName, CancellationToken cancellationToken)
    {
        await using var command = Command(InFlight);
        command.Parameters.AddWithValue("state", jobStateName);
        return await ReadAllAsync(command, r => r.GetString(0), cancellationToken);
    }

    public async Task MarkRecoveredAsync(IReadOnlyList<long> restores, int jobs, CancellationToken cancellationToken)
    {
        await using var command = Command(Recovered);
        command.Parameters.AddWithValue("restores", restores.ToArray());
        command.Parameters.AddWithValue("jobs", jobs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("service", serviceId);
        return command;
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
