using Actors.Jobs;
using Npgsql;

namespace Actors.Silo.Storage;

/// <summary>Large reports in PostgreSQL (<c>deploy/sql/0006_job_results.sql</c>), stored by reference from the job's state.</summary>
public sealed class PostgresResultStore(NpgsqlDataSource database, string serviceId) : IResultStore
{
    private const string Upsert = """
        INSERT INTO actors_job_results (service_id, tenant_id, job_id, completed_at, report)
        VALUES (@service, @tenant, @job, @at, @report)
        ON CONFLICT (service_id, tenant_id, job_id) DO UPDATE SET completed_at = EXCLUDED.completed_at, report = EXCLUDED.report
        """;

    public async Task SaveAsync(string tenantId, string jobId, string reportJson, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        await using var command = database.TenantCommand(Upsert, serviceId, tenantId);
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("at", completedAt.UtcDateTime);
        command.Parameters.AddWithValue("report", reportJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> LoadAsync(string tenantId, string jobId, CancellationToken cancellationToken = default)
    {
        await using var command = database.TenantCommand(
            "SELECT report FROM actors_job_results WHERE service_id = @service AND tenant_id = @tenant AND job_id = @job", serviceId, tenantId);
        command.Parameters.AddWithValue("job", jobId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<int> ForgetBeforeAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var command = database.TenantCommand(
            "DELETE FROM actors_job_results WHERE service_id = @service AND tenant_id = @tenant AND completed_at < @cutoff", serviceId, tenantId);
        command.Parameters.AddWithValue("cutoff", cutoff.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
