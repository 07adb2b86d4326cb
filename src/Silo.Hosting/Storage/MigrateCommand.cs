using Npgsql;

namespace Actors.Silo.Storage;

/// <summary>
/// <c>Actors.Silo migrate</c>: applies the embedded schema migrations to the database named by
/// <c>ConnectionStrings:Postgres</c>, read from the same sources as the silo's own configuration.
/// Exit codes: 0 up to date, 1 migration refused or failed, 2 no connection string.
/// </summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = Host.CreateApplicationBuilder(args).Configuration;
        var connectionString = configuration.GetConnectionString(PostgresStorage.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync(
                $"migrate: no connection string. Set ConnectionStrings:{PostgresStorage.ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{PostgresStorage.ConnectionStringName}) to the PostgreSQL database to migrate.");
            return 2;
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        Console.WriteLine($"migrate: database '{target.Database}' on {target.Host}:{target.Port}");
        try
        {
            var migrator = SchemaMigrator.FromEmbeddedScripts();
            var applied = await migrator.ApplyAsync(connectionString);
            foreach (var migration in applied)
            {
                Console.WriteLine($"migrate: applied {migration.Name}");
            }
            Console.WriteLine(applied.Count == 0
                ? $"migrate: up to date ({migrator.Migrations.Count} migrations, none pending)"
                : $"migrate: applied {applied.Count} of {migrator.Migrations.Count} migrations");
            return 0;
        }
        catch (Exception ex) when (ex is SchemaMigrationException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"migrate: {ex.Message}");
            return 1;
        }
    }
}
