namespace Actors.Tenants;

[GenerateSerializer, Alias("Actors.Tenants.TenantState")]
public sealed record TenantState
{
    /// <summary>Null until the tenant is created.</summary>
    [Id(0)] public TenantRecord? Record { get; init; }
}
