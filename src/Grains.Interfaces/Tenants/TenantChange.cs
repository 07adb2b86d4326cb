namespace Actors.Tenants;

/// <summary>
/// A change to a tenant: members left null stay as they are; limits merge member by member;
/// a setting whose value is null is removed (back to the default).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Tenants.TenantChange")]
public sealed record TenantChange(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] TenantStatus? Status = null,
    [property: Id(2)] TenantLimits? Limits = null,
    [property: Id(3)] IReadOnlyDictionary<string, string?>? Settings = null);
