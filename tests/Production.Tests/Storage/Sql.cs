using Npgsql;

namespace Actors.Production.Tests.Storage;

/// <summary>Reads a test database directly, to check what the silo or the migrator left there.</summary>
public static class Sql
{
    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql) =>
        (await QueryAsync(connectionString, sql, r => r.GetFieldValue<T>(0))).Single();
}
