namespace Actors.Tenants;

/// <summary>
/// What the hot path needs to know of a tenant: its status and its effective limits and settings
/// (its overrides over the global defaults). A tenant without a record gets the defaults, active.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Tenants.TenantPolicy")]
public sealed record TenantPolicy(
    [property: Id(0)] string TenantId,
    [property: Id(1)] bool Exists,
    [property: Id(2)] TenantStatus Status,
    [property: Id(3)] TenantLimits Limits,
    [property: Id(4)] IReadOnlyDictionary<string, string> Settings)
{
    public bool IsSuspended => Status == TenantStatus.Suspended;
}
