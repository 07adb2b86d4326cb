namespace Actors.Jobs;

/// <summary>
/// Tenant-owned grain keys are <c>{tenantId}/{id}</c>: the tenant part always comes from the
/// caller's credentials, so another tenant's id never resolves to this tenant's grain.
/// </summary>
public static class JobKey
{
    public static string For(string tenantId, string id)
    {
        if (string.IsNullOrEmpty(tenantId) || tenantId.Contains('/'))
        {
            throw new ArgumentException("A tenant id is non-empty and has no '/'.", nameof(tenantId));
        }
        return $"{tenantId}/{id}";
    }

    public static (string TenantId, string Id) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a tenant-scoped key.", nameof(key));
        }
        return (key[..slash], key[(slash + 1)..]);
    }
}
