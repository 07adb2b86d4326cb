using Actors.Production.Tests.Storage;

namespace Actors.Production.Tests.Backups;

/// <summary>deploy/backup.sh's retention and deploy/restore.sh's refusals, on a real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BackupScriptTests(PostgresServer postgres)
{
    [Fact]
    public async Task RetentionKeepsTheNewestBackupsAndRemovesOlderOnes()
    {
        var database = await postgres.CreateDatabaseAsync();
        var backups = Directory.CreateTempSubdirectory("actors-backups-").FullName;
        var environment = new Dictionary<string, string>(DeployScript.LibpqFor(database))
        {
            ["ACTORS_BACKUP_DIR"] = backups,
            // Every backup but the newest two is past retention at once.
            ["ACTORS_BACKUP_KEEP_DAYS"] = "0",
            ["ACTORS_BACKUP_KEEP_MIN"] = "2",
        };
        for (var i = 0; i < 3; i++)
        {
            var (exit, said) = await DeployScript.RunAsync("backup.sh", [], environment);
            Assert.True(exit == 0, $"backup.sh exited {exit}:\n{said}");
        }

        Assert.Equal(2, Directory.GetFiles(backups, "actors-*.dump").Length);
        Assert.Equal(2, Directory.GetFiles(backups, "actors-*.dump.sha256").Length);
        Assert.Empty(Directory.GetFiles(backups, "*.partial"));
        Directory.Delete(backups, recursive: true);
    }

    [Fact]
    public async Task ADamagedBackupIsRefusedAndNothingIsRestored()
    {
        var database = await postgres.CreateDatabaseAsync();
        var backups = Directory.CreateTempSubdirectory("actors-backups-").FullName;
        var (exit, said) = await DeployScript.RunAsync("backup.sh", [],
            new Dictionary<string, string>(DeployScript.LibpqFor(database)) { ["ACTORS_BACKUP_DIR"] = backups });
        Assert.True(exit == 0, $"backup.sh exited {exit}:\n{said}");
        var backup = Assert.Single(Directory.GetFiles(backups, "actors-*.dump"));
        await using (var file = File.OpenWrite(backup))
        {
            file.Seek(100, SeekOrigin.Begin);
            file.WriteByte(0xFF);
        }

        var target = "damaged_" + Guid.NewGuid().ToString("N")[..8];
        var (restored, restoreSaid) = await DeployScript.RunAsync("restore.sh", [backup, target], DeployScript.LibpqFor(database));

        Assert.True(restored == 1, $"restore.sh of a damaged backup should exit 1, exited {restored}:\n{restoreSaid}");
        Assert.Contains("checksum", restoreSaid, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, $"SELECT count(*) FROM pg_database WHERE datname = '{target}'"));
        Directory.Delete(backups, recursive: true);
    }
}
