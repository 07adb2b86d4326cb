using Npgsql;

namespace Actors.Production.Tests.Cluster;

/// <summary>Reads the completion ledger (deploy/sql/0003): how many jobs completed, and how often each did.</summary>
public static class CompletionLedger
{
    public static async Task<(long Jobs, long Duplicates)> ReadAsync(string connectionString, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE completions > 1) FROM actors_job_completions WHERE service_id = @service", connection);
        command.Parameters.AddWithValue("service", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
