using Microsoft.Extensions.Hosting;

namespace Actors.Jobs;

/// <summary>
/// Frees a dead silo's run slots at once: when membership declares a silo dead, the queue of every
/// tenant with a queue or a job active on this silo signals its running jobs again, and a job whose
/// activation died resumes on a live silo from its last checkpoint, instead of holding its slot until
/// its watchdog's next tick (a minute). A queue that died itself is activated again by this, rebuilds
/// from the job list and signals its running jobs then. The signal is sent again once after <see cref="SecondLook"/>, in
/// case the first reached a grain directory that had not yet forgotten the dead silo.
/// </summary>
public sealed class SiloDeathWatch(IClusterMembershipService membership, IGrainFactory grains, LocalTenants tenants, ILogger<SiloDeathWatch> logger)
    : BackgroundService
{
    private static readonly TimeSpan SecondLook = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                // The first snapshot holds the dead of earlier lives of the cluster: nothing to recover from.
                if (first || newlyDead.Count == 0)
                {
                    first = false;
                    continue;
                }
                logger.LogWarning("Silo {DeadSilos} declared dead: the queues of {Count} tenant(s) active on this silo signal their running jobs",
                    string.Join(", ", newlyDead), tenants.TenantIds.Count);
                Recheck();
                _ = RecheckLaterAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecheckLaterAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(SecondLook, stoppingToken);
            Recheck();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Recheck()
    {
        foreach (var tenantId in tenants.TenantIds)
        {
            // One-way: a queue is never waited on here either.
            _ = grains.GetGrain<ITenantQueue>(tenantId).Recheck();
        }
    }
}
