using Actors.Silo.Storage;
using Npgsql;

namespace Actors.Production.Tests.Storage;

/// <summary>
/// The ledger counts completions, not recordings: the watchdog records a completion again when the
/// silo died between persisting it and recording it, and that retry must not read as a second completion.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CompletionLedgerTests(PostgresServer server)
{
    private static readonly DateTimeOffset FirstCompletion = new(2026, 11, 23, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task RecordingTheSameCompletionAgainCountsOnce()
    {
        var database = await server.CreateDatabaseAsync();
        await SchemaMigrator.FromEmbeddedScripts().ApplyAsync(database);
        await using var source = NpgsqlDataSource.Create(database);
        var ledger = new PostgresCompletionLedger(source, "svc");

        await ledger.RecordAsync("acme", "job-1", FirstCompletion.AddTicks(7));
        await ledger.RecordAsync("acme", "job-1", FirstCompletion.AddTicks(7));

        Assert.Equal([1], await CompletionsAsync(database, "job-1"));
    }

    [Fact]
    public async Task ASecondCompletionOfTheSameJobIsCounted()
    {
        var database = await server.CreateDatabaseAsync();
        await SchemaMigrator.FromEmbeddedScripts().ApplyAsync(database);
        await using var source = NpgsqlDataSource.Create(database);
        var ledger = new PostgresCompletionLedger(source, "svc");

        await ledger.RecordAsync("acme", "job-2", FirstCompletion);
        await ledger.RecordAsync("acme", "job-2", FirstCompletion.AddSeconds(5));
        await ledger.RecordAsync("acme", "job-2", FirstCompletion.AddSeconds(5));

        Assert.Equal([2], await CompletionsAsync(database, "job-2"));
    }

    private static Task<List<int>> CompletionsAsync(string database, string jobId) =>
        Sql.QueryAsync(database, $"SELECT completions FROM actors_job_completions WHERE job_id = '{jobId}'", r => r.GetInt32(0));
}
