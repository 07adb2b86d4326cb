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
    /// Backs <see cref="StorageNames.Grains"/> with Orleans's ADO.NET provider on the schema of
    /// <c>deploy/sql</c> (apply it first: <c>Actors.Silo migrate</c> or <see cref="SchemaMigrator"/>).
    /// State is stored as System.Text.Json: see docs/production.md. Stream subscriptions
    /// (<see cref="StorageNames.PubSub"/>) stay in memory: the job streams are memory streams whose
    /// events do not outlive a silo either, and every listener catches up from the job's persisted
    /// replay buffer, so a lost subscription costs a catch-up, not an event. In PostgreSQL they cost
    /// a read and a write for every new job stream.
    /// </summary>
    public static ISiloBuilder AddActorsPostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.AddAdoNetGrainStorage(StorageNames.Grains, options => options.Configure<IOptions<SystemTextJsonGrainStorageSerializerOptions>>((o, json) =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
            // Set per provider rather than silo-wide: other storage keeps its own serializer, and
            // the stored format cannot drift if someone changes the silo default later.
            o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(json);
        }));
        silo.AddMemoryGrainStorage(StorageNames.PubSub, options => options.Configure<Orleans.Serialization.Serializer>((o, serializer) =>
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
        return silo;
    }
}
