using System.Net;

namespace Actors.Silo;

/// <summary>
/// Which kind of node this is. Bound from <c>Actors:Cluster</c>; connection strings come from
/// <c>ConnectionStrings:Postgres</c> and <c>ConnectionStrings:Redis</c>.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Actors:Cluster";

    /// <summary><c>Embedded</c> (one process, in-memory state) or <c>Production</c> (PostgreSQL state, Redis membership).</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>
    /// Production: whether an API node is also a silo of the cluster (Orleans's co-hosting: one process
    /// serves HTTP and runs grains, so a request reaches its grain without a network hop). False: the
    /// API is a client of separate silo processes. Either way every node shares PostgreSQL and Redis.
    /// </summary>
    public bool ApiHostsSilo { get; set; }

    /// <summary>Scopes stored state and reminders: set once, never change it for a deployment.</summary>
    public string ServiceId { get; set; } = "actors";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "actors";

    /// <summary>
    /// The address other silos and clients reach this silo at (production): an IP address, or
    /// <c>auto</c> for this host's first non-loopback IPv4 address (a container's own address, where
    /// replicas share one configuration).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary><see cref="AdvertisedAddress"/> as an IP address, resolving <c>auto</c>.</summary>
    public IPAddress AdvertisedIp => string.Equals(AdvertisedAddress, "auto", StringComparison.OrdinalIgnoreCase)
        ? Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException("Actors:Cluster:AdvertisedAddress is 'auto' but this host has no non-loopback IPv4 address; set the address explicitly.")
        : IPAddress.Parse(AdvertisedAddress);

    /// <summary>Mutual TLS on the silo and gateway ports (<c>Actors:Cluster:Tls</c>); production requires it unless turned off explicitly.</summary>
    public ClusterTls Tls { get; set; } = new();

    /// <summary>
    /// Whether silos keep the grain directory with Orleans's strongly consistent directory (true, the
    /// default) or its older eventually consistent one, which lets two activations of one grain live on
    /// after a silo's crash. The consistent one is marked experimental in Orleans 10.4.2: this is the way
    /// back if it misbehaves (docs/production.md, Failover).
    /// </summary>
    public bool ConsistentGrainDirectory { get; set; } = true;

    public string? PostgresConnectionString { get; private set; }

    public string? RedisConnectionString { get; private set; }

    /// <summary>Whether <c>Actors:Secrets:Key</c> is set: every node of a cluster must seal and open tenants' secrets with the same key.</summary>
    public bool HasSecretsKey { get; private set; }

    /// <summary>
    /// The product's failure detection, shorter than Orleans's (5 s probes): a silo is probed every
    /// 2 s by up to 3 others, suspected after 3 missed probes and declared dead on 2 votes, so a
    /// killed silo is dead within about 6–10 s and its jobs run again within 20 s. A silo paused
    /// longer than that (a stop-the-world GC of several seconds) is declared dead too; raise
    /// <c>Actors:Cluster:Membership:ProbeTimeout</c> where that happens. Configured keys override these.
    /// </summary>
    public static void DetectFailuresSoon(Orleans.Configuration.ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 2;
    }

    /// <summary>
    /// How long a gateway keeps a disconnected client's place: Orleans holds every response for that
    /// client in the gateway it last used (1 minute by default, checked once a minute), even when the
    /// client is connected to another gateway. After a silo's death the API client dropped its connection
    /// to one live gateway and reconnected through another, and the answers of every grain on that silo
    /// (API keys, rate-limit buckets) waited there for 100 s while the API answered 503. No caller waits
    /// longer than 15 s (<c>CallTimeouts</c>), so a place kept for 5 s loses nothing a caller still wants,
    /// and later answers take the client's current route.
    /// </summary>
    public static void ForgetDisconnectedClientsSoon(Orleans.Configuration.SiloMessagingOptions options) =>
        options.ClientDropTimeout = TimeSpan.FromSeconds(5);

    public static ClusterSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<ClusterSettings>() ?? new ClusterSettings();
        settings.PostgresConnectionString = WithoutSessionReset(configuration.GetConnectionString("Postgres"));
        settings.RedisConnectionString = configuration.GetConnectionString("Redis");
        settings.HasSecretsKey = !string.IsNullOrWhiteSpace(configuration["Actors:Secrets:Key"]);
        return settings;
    }

    /// <summary>
    /// Npgsql resets a pooled connection (DISCARD ALL) each time it is handed out again; Orleans's
    /// storage opens one per state operation, so that was about half of all statements a job caused
    /// (docs/BENCHMARKS.md). Actors keeps no session state on a connection, so the reset is skipped
    /// unless the connection string says otherwise.
    /// </summary>
    private static string? WithoutSessionReset(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>Throws with every missing or wrong setting named, so a misconfigured node fails at start-up, not at first use.</summary>
    public ClusterSettings ValidateForProduction()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            problems.Add("ConnectionStrings:Postgres (env ConnectionStrings__Postgres) is missing: the PostgreSQL connection string for grain state.");
        }
        if (string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            problems.Add("ConnectionStrings:Redis (env ConnectionStrings__Redis) is missing: the Redis connection string for membership and reminders, e.g. 127.0.0.1:6379.");
        }
        if (string.IsNullOrWhiteSpace(ServiceId) || string.IsNullOrWhiteSpace(ClusterId))
        {
            problems.Add("Actors:Cluster:ServiceId and Actors:Cluster:ClusterId must not be empty.");
        }
        if (!HasSecretsKey)
        {
            problems.Add("Actors:Secrets:Key (env Actors__Secrets__Key) is missing: 32 random bytes in base64 (e.g. `openssl rand -base64 32`), the same on every node; it seals webhook secrets and tenants' LLM keys.");
        }
        if (!IPAddress.TryParse(AdvertisedAddress, out _) && !string.Equals(AdvertisedAddress, "auto", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Actors:Cluster:AdvertisedAddress '{AdvertisedAddress}' is neither an IP address nor 'auto'.");
        }
        if (Tls.Problem() is { } tls)
        {
            problems.Add(tls);
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Production mode is not configured: " + string.Join(" ", problems));
        }
        return this;
    }
}

public enum ClusterMode
{
    Embedded,
    Production,
}
