namespace Actors.Tenants;

[GenerateSerializer, Alias("Actors.Tenants.TenantRegistryState")]
public sealed class TenantRegistryState
{
    /// <summary>Tenant ids, kept sorted (ordinal).</summary>
    [Id(0)] public List<string> TenantIds { get; set; } = [];
}
