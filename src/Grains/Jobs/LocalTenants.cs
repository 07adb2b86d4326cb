using System.Collections.Concurrent;

namespace Actors.Jobs;

/// <summary>
/// The tenants with a queue or a job active on this silo: whose queues <see cref="SiloDeathWatch"/>
/// tells when another silo dies. A queue that died with that silo is activated again by the telling,
/// so a tenant whose queue and some running jobs were on the dead silo is recovered by any silo that
/// runs one of its other jobs.
/// </summary>
public sealed class LocalTenants
{
    private readonly ConcurrentDictionary<string, int> _active = new(StringComparer.Ordinal);

    /// <summary>A queue or job of <paramref name="tenantId"/> was activated here.</summary>
    public void Enter(string tenantId) => _active.AddOrUpdate(tenantId, 1, (_, count) => count + 1);

    /// <summary>One of them was deactivated.</summary>
    public void Leave(string tenantId)
    {
        if (_active.AddOrUpdate(tenantId, 0, (_, count) => count - 1) <= 0)
        {
            _active.TryRemove(new KeyValuePair<string, int>(tenantId, 0));
        }
    }

    public IReadOnlyCollection<string> TenantIds => [.. _active.Where(a => a.Value > 0).Select(a => a.Key)];
}
