using Npgsql;

namespace Actors.Production.Tests.Cluster;

/// <summary>Reads the completion ledger (deploy/sql/0003): how many jobs completed, and how often each did.</summary>
public static class CompletionLedger
{
    /// <summary>
    /// The ledger once it holds <paramref name="expectedJobs"/> jobs: a job records its completion
    /// just after the completed state is visible, so a reader that saw every job completed waits briefly;
    /// if its silo died in between, the job's watchdog records it on its next tick (1 minute by default).
    /// </summary>
    public static Task<(long Jobs, long Duplicates)> ReadWhenAsync(string connectionString, string serviceId, long expectedJobs) =>
        Poll.UntilAsync(() => ReadAsync(connectionString, serviceId), ledger => ledger.Jobs >= expectedJobs, TimeSpan.FromMinutes(2),
            $"the completion ledger to hold {expectedJobs} jobs");

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
