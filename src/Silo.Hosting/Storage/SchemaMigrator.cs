using Npgsql;

namespace Actors.Silo.Storage;

/// <summary>
/// Brings a PostgreSQL database up to the schema the silo expects: applies the migrations it has
/// not applied yet, in version order, each in its own transaction, and records each one (with its
/// checksum) in <c>actors_schema_migrations</c>. Re-running applies nothing. An applied migration
/// whose text has since changed is refused: the database would no longer match the files.
/// </summary>
public sealed class SchemaMigrator
{
    /// <summary>Where <c>deploy/sql/*.sql</c> lands in the silo host library (see the EmbeddedResource in Silo.Hosting.csproj).</summary>
    private const string ResourcePrefix = "Actors.Migrations.";

    /// <summary>
    /// Session-level advisory lock: silos or jobs that start together serialise here instead of
    /// applying the same migration twice. The number is arbitrary but fixed ("Actors" in ASCII).
    /// </summary>
    private const long MigrationLock = 0x4163746F7273;

    private const string HistoryTable = """
        CREATE TABLE IF NOT EXISTS actors_schema_migrations
        (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public SchemaMigrator(IEnumerable<SchemaMigration> migrations)
    {
        Migrations = [.. migrations.OrderBy(m => m.Version)];
        var duplicate = Migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SchemaMigrationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }
    }

    /// <summary>The migrations in version order.</summary>
    public IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>The migrations shipped in this silo (<c>deploy/sql</c>).</summary>
    public static SchemaMigrator FromEmbeddedScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource =>
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                return SchemaMigration.FromFile(resource[ResourcePrefix.Length..], reader.ReadToEnd());
            })
            .ToList();
        return migrations.Count == 0
            ? throw new SchemaMigrationException("No schema migrations are embedded in this build of the silo (expected deploy/sql/*.sql).")
            : new SchemaMigrator(migrations);
    }

    /// <summary>Applies the pending migrations and returns them (empty when the schema was already up to date).</summary>
    /// <exception cref="SchemaMigrationException">An applied migration was changed, or a pending one failed (it was rolled back).</exception>
    public async Task<IReadOnlyList<SchemaMigration>> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, HistoryTable, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            RefuseChangedMigrations(applied);

            var pending = Migrations.Where(m => !applied.ContainsKey(m.Version)).ToList();
            foreach (var migration in pending)
            {
                await ApplyOneAsync(connection, migration, cancellationToken);
            }
            return pending;
        }
        finally
        {
            // Also released when the connection closes; explicit so a pooled connection does not keep it.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    private void RefuseChangedMigrations(IReadOnlyDictionary<int, (string Name, string Checksum)> applied)
    {
        var changed = Migrations
            .Where(m => applied.TryGetValue(m.Version, out var record) && record.Checksum != m.Checksum)
            .Select(m => $"{m.Name} (applied as {applied[m.Version].Name}, checksum {applied[m.Version].Checksum}; the file now has {m.Checksum})")
            .ToList();
        if (changed.Count > 0)
        {
            throw new SchemaMigrationException(
                $"Applied migration(s) changed since they ran: {string.Join("; ", changed)}. " +
                "An applied migration must never be edited: restore the file and put the change in a new, higher-numbered file.");
        }
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, SchemaMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var record = new NpgsqlCommand(
                "INSERT INTO actors_schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new SchemaMigrationException($"Migration {migration.Name} failed and was rolled back: {ex.MessageText}", ex);
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM actors_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
