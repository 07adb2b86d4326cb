using Actors.Jobs;
using Npgsql;

namespace Actors.Silo.Storage;

/// <summary>
/// The completion ledger in PostgreSQL (<c>deploy/sql/0003_completion_ledger.sql</c>): a second
/// completion of a job (another completion time) increments its row; the same completion recorded
/// again (a retry after a crash) leaves it alone.
/// </summary>
public sealed class PostgresCompletionLedger(NpgsqlDataSource database, string serviceId) : ICompletionLedger
{
    private const string Upsert = """
        INSERT INTO actors_job_completions (service_id, tenant_id, job_id, first_completed_at, last_completed_at)
        VALUES (@service, @tenant, @job, @at, @at)
        ON CONFLICT (service_id, tenant_id, job_id)
        DO UPDATE SET completions = actors_job_completions.completions + 1, last_completed_at = EXCLUDED.last_completed_at
        WHERE actors_job_completions.last_completed_at <> EXCLUDED.last_completed_at
        """;

    public async Task RecordAsync(string tenantId, string jobId, DateTimeOffset completedAt)
    {
        await using var command = database.TenantCommand(Upsert, serviceId, tenantId);
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("at", completedAt.UtcDateTime);
        await command.ExecuteNonQueryAsync();
    }
}
