namespace Actors.Tenants;

/// <summary>A tenant as the platform operator set it up: its own overrides, not the effective values.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Tenants.TenantRecord")]
public sealed record TenantRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] TenantStatus Status,
    [property: Id(3)] TenantLimits Limits,
    [property: Id(4)] IReadOnlyDictionary<string, string> Settings,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);
