using Orleans.Serialization;

namespace Actors.Silo;

/// <summary>
/// Lets PostgreSQL and Redis failures cross the wire. Orleans serializes only exceptions from
/// Microsoft/System/Azure namespaces; a storage failure (an OrleansException wrapping an
/// NpgsqlException or a RedisConnectionException) would otherwise reach the API as a codec error,
/// a 500, instead of the 503 "retry shortly" it is. Silos and clients must agree, so both call this.
/// </summary>
public static class StorageExceptions
{
    public static IServiceCollection AddStorageExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options =>
        {
            options.SupportedNamespacePrefixes.Add("Npgsql");
            options.SupportedNamespacePrefixes.Add("StackExchange.Redis");
        });
}
