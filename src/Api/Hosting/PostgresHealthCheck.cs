using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Actors.Api.Hosting;

/// <summary>Production mode: PostgreSQL (where grain state lives) answers a query.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource database) : CachedHealthCheck
{
    protected override string Dependency => "PostgreSQL";

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
        return HealthCheckResult.Healthy("PostgreSQL answers");
    }
}
