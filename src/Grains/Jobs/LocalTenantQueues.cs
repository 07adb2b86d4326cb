using System.Collections.Concurrent;

namespace Actors.Jobs;

/// <summary>The tenants whose queue is active on this silo: what <see cref="SiloDeathWatch"/> tells when another silo dies.</summary>
public sealed class LocalTenantQueues
{
    private readonly ConcurrentDictionary<string, byte> _tenants = new(StringComparer.Ordinal);

    public void Activated(string tenantId) => _tenants[tenantId] = 0;

    public void Deactivated(string tenantId) => _tenants.TryRemove(tenantId, out _);

    public IReadOnlyCollection<string> TenantIds => [.. _tenants.Keys];
}
