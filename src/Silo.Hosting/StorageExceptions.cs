using System.Net.Sockets;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Actors.Silo;

/// <summary>
/// Storage and cluster failures: which exceptions mean "unavailable, retry shortly" (the API's 503),
/// and what lets them cross the wire. Orleans serializes only exceptions from Microsoft/System/Azure
/// namespaces; a storage failure (an NpgsqlException from the job index, a RedisConnectionException)
/// would otherwise reach the API as a codec error, a 500. Silos and clients must agree, so both call
/// <see cref="AddStorageExceptionSerialization"/>.
/// </summary>
public static class StorageExceptions
{
    public static IServiceCollection AddStorageExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options =>
        {
            options.SupportedNamespacePrefixes.Add("Npgsql");
            options.SupportedNamespacePrefixes.Add("StackExchange.Redis");
        });

    /// <summary>
    /// The failure that makes <paramref name="exception"/> an outage of the cluster or its storage
    /// (PostgreSQL, Redis, an Orleans storage provider, a silo that does not answer), or null when
    /// it is something else: a fault worth a 500. Wrapped and aggregated exceptions are looked into.
    /// </summary>
    public static Exception? UnavailableCause(this Exception exception)
    {
        switch (exception)
        {
            case Npgsql.NpgsqlException or StackExchange.Redis.RedisException or SocketException:
                return exception;
            case OperationCanceledException:
                // A call the runtime gave up on (the grain directory cancels lookups while it recovers a dead
                // silo's entries); a request its own client aborted has no one left to answer anyway.
                return exception;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Select(UnavailableCause).FirstOrDefault(cause => cause is not null);
            case OrleansException or TimeoutException:
                // The runtime's own (a silo gone, a call timed out) or a storage provider's wrapping of the driver's.
                return exception.InnerException?.UnavailableCause() ?? exception;
            default:
                return exception.InnerException?.UnavailableCause();
        }
    }
}
