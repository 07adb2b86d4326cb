namespace Actors.Tenants;

/// <summary>
/// A tenant, keyed by tenant id: name, status, limits and settings. Read-mostly: the API caches its
/// <see cref="GetPolicy"/> per node; changes are pushed to the tenant's queue at once.
/// </summary>
[Alias("Actors.Tenants.ITenant")]
public interface ITenant : IGrainWithStringKey
{
    /// <summary>Creates the tenant; null when it already exists (nothing is changed then).</summary>
    [Alias("Create"), ResponseTimeout(CallTimeouts.Storage)]
    Task<TenantRecord?> Create(string name, TenantStatus status, TenantLimits limits, IReadOnlyDictionary<string, string> settings);

    /// <summary>Creates the tenant if it does not exist; returns its record either way.</summary>
    [Alias("Ensure"), ResponseTimeout(CallTimeouts.Storage)]
    Task<TenantRecord> Ensure(string name);

    /// <summary>The tenant's record; null when it was never created.</summary>
    [Alias("Get"), AlwaysInterleave, ResponseTimeout(CallTimeouts.Storage)]
    Task<TenantRecord?> Get();

    /// <summary>Status and effective limits. Interleaves with everything (the queue reads it while a change is pushed to it).</summary>
    [Alias("GetPolicy"), AlwaysInterleave, ResponseTimeout(CallTimeouts.Quick)]
    Task<TenantPolicy> GetPolicy();

    /// <summary>Applies <paramref name="change"/>; null when the tenant does not exist.</summary>
    [Alias("Update"), ResponseTimeout(CallTimeouts.Storage)]
    Task<TenantRecord?> Update(TenantChange change);
}
