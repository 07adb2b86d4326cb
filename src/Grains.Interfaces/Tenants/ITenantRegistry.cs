namespace Actors.Tenants;

/// <summary>
/// The platform's list of tenant ids, for the operator's listing (one activation, keyed
/// <see cref="Key"/>; never on a request's hot path).
/// </summary>
[Alias("Actors.Tenants.ITenantRegistry")]
public interface ITenantRegistry : IGrainWithStringKey
{
    public const string Key = "platform";

    [Alias("Add")]
    Task Add(string tenantId);

    /// <summary>Tenant ids in order, a page at a time, and the total.</summary>
    [Alias("List"), ReadOnly]
    Task<(IReadOnlyList<string> TenantIds, int Total)> List(int page, int perPage);
}
