using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Actors.Silo.Storage;

/// <summary>How an Actors silo keeps grain state and stream subscriptions in PostgreSQL.</summary>
public static class PostgresStorage
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Postgres</c> (environment: <c>ConnectionStrings__Postgres</c>).</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>Orleans's ADO.NET invariant for Npgsql; the provider defaults to SQL Server otherwise.</summary>
    private const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Backs <see cref="StorageNames.Grains"/> and <see cref="StorageNames.PubSub"/> with Orleans's
    /// ADO.NET provider on the schema of <c>deploy/sql</c> (apply it first: <c>Actors.Silo migrate</c>
    /// or <see cref="SchemaMigrator"/>). State is stored as System.Text.Json: see docs/production.md.
    /// </summary>
    public static ISiloBuilder AddActorsPostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        foreach (var name in new[] { StorageNames.Grains, StorageNames.PubSub })
        {
            silo.AddAdoNetGrainStorage(name, options => options.Configure<IOptions<SystemTextJsonGrainStorageSerializerOptions>>((o, json) =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
                // Set per provider rather than silo-wide: other storage keeps its own serializer, and
                // the stored format cannot drift if someone changes the silo default later.
                o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(json);
            }));
        }
        return silo;
    }
}
