using Actors.Silo.Storage;

namespace Actors.Production.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresServer server)
{
    private static readonly SchemaMigrator Shipped = SchemaMigrator.FromEmbeddedScripts();

    [Fact]
    public void ShippedMigrationsAreTheNumberedFilesOfDeploySqlInOrder()
    {
        Assert.Equal(["0001_grain_state.sql", "0002_grain_state_queries.sql"], Shipped.Migrations.Take(2).Select(m => m.Name));
        Assert.All(Shipped.Migrations, m => Assert.StartsWith(m.Version.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "_", m.Name));
    }

    [Fact]
    public async Task EmptyDatabaseGetsEveryMigrationAndASecondRunAppliesNothing()
    {
        var database = await server.CreateDatabaseAsync();

        var first = await Shipped.ApplyAsync(database);
        var second = await Shipped.ApplyAsync(database);

        Assert.Equal(Shipped.Migrations, first);
        Assert.Empty(second);
        Assert.Equal(Shipped.Migrations.Select(m => (m.Version, m.Name, m.Checksum)),
            await Sql.QueryAsync(database, "SELECT version, name, checksum FROM actors_schema_migrations ORDER BY version",
                r => (r.GetInt32(0), r.GetString(1), r.GetString(2))));
        var queryKeys = await Sql.QueryAsync(database, "SELECT QueryKey FROM OrleansQuery", r => r.GetString(0));
        Assert.Subset(queryKeys.ToHashSet(), new HashSet<string> { "ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey" });
    }

    [Fact]
    public async Task AppliedMigrationWhoseTextChangedIsRefusedBeforeAnythingElseRuns()
    {
        var database = await server.CreateDatabaseAsync();
        await Shipped.ApplyAsync(database);
        var tampered = new SchemaMigrator(
        [
            .. Shipped.Migrations.Select(m => m.Version == 1 ? m with { Sql = m.Sql + "\nCREATE TABLE sneaked_in (id integer);" } : m),
            new SchemaMigration(99, "0099_later.sql", "CREATE TABLE later_change (id integer);"),
        ]);

        var refusal = await Assert.ThrowsAsync<SchemaMigrationException>(() => tampered.ApplyAsync(database));

        Assert.Contains("0001_grain_state.sql", refusal.Message);
        Assert.Contains("new, higher-numbered file", refusal.Message);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename IN ('sneaked_in', 'later_change')"));
    }

    [Fact]
    public async Task FailingMigrationIsRolledBackAndNotRecorded()
    {
        var database = await server.CreateDatabaseAsync();
        var withBroken = new SchemaMigrator(
            [.. Shipped.Migrations, new SchemaMigration(99, "0099_broken.sql", "CREATE TABLE half_done (id integer);\nSELECT 1 / 0;")]);

        var failure = await Assert.ThrowsAsync<SchemaMigrationException>(() => withBroken.ApplyAsync(database));

        Assert.Contains("0099_broken.sql", failure.Message);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
        Assert.Equal(Shipped.Migrations.Count, (int)await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM actors_schema_migrations"));
    }

    [Fact]
    public async Task MigratorsStartingTogetherApplyEachMigrationOnce()
    {
        var database = await server.CreateDatabaseAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Shipped.ApplyAsync(database))));

        Assert.Equal(Shipped.Migrations, runs.SelectMany(applied => applied).OrderBy(m => m.Version));
    }

    [Fact]
    public void LineEndingsDoNotChangeTheChecksum()
    {
        var migration = Shipped.Migrations[0];

        Assert.Equal(migration.Checksum, (migration with { Sql = migration.Sql.ReplaceLineEndings("\r\n") }).Checksum);
        Assert.NotEqual(migration.Checksum, (migration with { Sql = migration.Sql + " " }).Checksum);
    }

    [Fact]
    public async Task MigrateCommandAppliesTheSchemaAndExitsWithTwoWithoutAConnectionString()
    {
        var database = await server.CreateDatabaseAsync();

        var applied = await MigrateCommand.RunAsync([$"--ConnectionStrings:{PostgresStorage.ConnectionStringName}={database}"]);
        var again = await MigrateCommand.RunAsync([$"--ConnectionStrings:{PostgresStorage.ConnectionStringName}={database}"]);
        var missing = await MigrateCommand.RunAsync([$"--ConnectionStrings:{PostgresStorage.ConnectionStringName}="]);

        Assert.Equal(0, applied);
        Assert.Equal(0, again);
        Assert.Equal(2, missing);
        Assert.Equal(Shipped.Migrations.Count, (int)await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM actors_schema_migrations"));
    }
}
