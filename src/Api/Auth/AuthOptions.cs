namespace Actors.Api.Auth;

/// <summary>Authentication settings. Bound from <c>Actors:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Actors:Auth";

    /// <summary>The longest a node may cache a key's grant (and so keep accepting a revoked key).</summary>
    public static readonly TimeSpan MaxKeyCacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The platform operator's key (scope <c>platform:admin</c>): manages tenants and their keys,
    /// nothing else. Unset: the tenant administration API answers 401 to everyone.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>How long a node caches a key's grant and a tenant's status; at most 30 s. A revocation or suspension takes effect on every node within this time (at once on the node that made it).</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a rotated key keeps working beside its replacement, unless the rotation says otherwise.</summary>
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a node reports the keys it saw used (coalesced: one call per key per period, never one per request).</summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a node remembers that a presented key is unknown, so the same wrong or guessed key does not
    /// cost a grain call each time. A key nobody holds yet cannot become valid later (issuing one makes a new
    /// random value), so this may be longer than the grant cache; 0 turns it off.
    /// </summary>
    public TimeSpan UnknownKeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Entries (key grants, unknown keys, tenant policies) a node keeps in its grant cache (<see cref="GrantCache"/>) at most.</summary>
    public int CacheEntries { get; set; } = 100_000;

    public TimeSpan BoundedKeyCacheLifetime =>
        KeyCacheLifetime <= TimeSpan.Zero ? TimeSpan.Zero : KeyCacheLifetime > MaxKeyCacheLifetime ? MaxKeyCacheLifetime : KeyCacheLifetime;
}
