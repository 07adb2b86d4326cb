namespace Actors.Tenants;

[GenerateSerializer, Alias("Actors.Tenants.TenantUsageState")]
public sealed class TenantUsageState
{
    [Id(0)] public int JobsSubmitted { get; set; }
}
