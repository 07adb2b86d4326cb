using System.Text.Json;
using Actors.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Silo.Storage;

/// <summary>
/// The job list read model in PostgreSQL (<c>deploy/sql/0004_job_index.sql</c>): one row per job,
/// upserted in batches by the tenant's job list grain, paginated by the database.
/// </summary>
public sealed class PostgresJobIndex(NpgsqlDataSource database, string serviceId) : IJobIndex
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // An older snapshot (a late or retried write) never replaces a newer one.
    private const string Upsert = """
        INSERT INTO actors_jobs (service_id, tenant_id, job_id, type, status, created_at, updated_at, last_sequence, snapshot)
        SELECT @service, @tenant, j.job_id, j.type, j.status, j.created_at, now(), j.last_sequence, j.snapshot
        FROM unnest(@job_ids, @types, @statuses, @created, @sequences, @snapshots)
             AS j(job_id, type, status, created_at, last_sequence, snapshot)
        ON CONFLICT (service_id, tenant_id, job_id) DO UPDATE
        SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, last_sequence = EXCLUDED.last_sequence, snapshot = EXCLUDED.snapshot
        WHERE actors_jobs.last_sequence < EXCLUDED.last_sequence
        """;

    private const string Page = """
        SELECT snapshot, count(*) OVER () FROM actors_jobs
        WHERE service_id = @service AND tenant_id = @tenant
          AND (@status::text IS NULL OR status = @status) AND (@type::text IS NULL OR type = @type)
        ORDER BY created_at DESC, job_id
        LIMIT @limit OFFSET @offset
        """;

    private const string Count = """
        SELECT count(*) FROM actors_jobs
        WHERE service_id = @service AND tenant_id = @tenant
          AND (@status::text IS NULL OR status = @status) AND (@type::text IS NULL OR type = @type)
        """;

    private const string Forget = """
        DELETE FROM actors_jobs
        WHERE service_id = @service AND tenant_id = @tenant AND updated_at < @cutoff
          AND status IN ('completed', 'failed', 'cancelled', 'rejected')
        """;

    public async Task SaveAsync(string tenantId, IReadOnlyCollection<JobSnapshot> jobs, CancellationToken cancellationToken = default)
    {
        if (jobs.Count == 0)
        {
            return;
        }
        await using var command = database.TenantCommand(Upsert, serviceId, tenantId);
        command.Parameters.AddWithValue("job_ids", jobs.Select(j => j.JobId).ToArray());
        command.Parameters.AddWithValue("types", jobs.Select(j => j.Type).ToArray());
        command.Parameters.AddWithValue("statuses", jobs.Select(j => j.Status.ToWire()).ToArray());
        command.Parameters.AddWithValue("created", jobs.Select(j => j.CreatedAt.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("sequences", jobs.Select(j => j.LastSequence).ToArray());
        command.Parameters.Add(new NpgsqlParameter("snapshots", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = jobs.Select(j => JsonSerializer.Serialize(j, Json)).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<JobPage> ListAsync(string tenantId, int page, int perPage, JobStatus? status, string? type, CancellationToken cancellationToken = default)
    {
        var items = new List<JobSnapshot>(perPage);
        long total = -1;
        await using (var command = Filtered(Page, tenantId, status, type))
        {
            command.Parameters.AddWithValue("limit", perPage);
            command.Parameters.AddWithValue("offset", (long)(page - 1) * perPage);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(JsonSerializer.Deserialize<JobSnapshot>(reader.GetString(0), Json)!);
                total = reader.GetInt64(1);
            }
        }
        if (total < 0)
        {
            // A page past the end has no rows to carry the count.
            await using var command = Filtered(Count, tenantId, status, type);
            total = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        return new JobPage(items, page, perPage, (int)Math.Min(total, int.MaxValue));
    }

    public async Task<int> ForgetFinishedBeforeAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var command = database.TenantCommand(Forget, serviceId, tenantId);
        command.Parameters.AddWithValue("cutoff", cutoff.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Filtered(string sql, string tenantId, JobStatus? status, string? type)
    {
        var command = database.TenantCommand(sql, serviceId, tenantId);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)status?.ToWire() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = (object?)type ?? DBNull.Value });
        return command;
    }
}
