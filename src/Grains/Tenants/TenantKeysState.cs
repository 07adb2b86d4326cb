namespace Actors.Tenants;

[GenerateSerializer, Alias("Actors.Tenants.TenantKeysState")]
public sealed class TenantKeysState
{
    /// <summary>The tenant's keys, oldest first; at most <see cref="ITenantKeys.Capacity"/>.</summary>
    [Id(0)] public List<ApiKeyEntry> Keys { get; set; } = [];
}
