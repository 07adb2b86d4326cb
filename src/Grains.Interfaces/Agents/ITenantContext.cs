namespace Actors.Agents;

/// <summary>A tenant's business context, keyed by tenant id: read by every agent step, written by the tenant's admin.</summary>
[Alias("Actors.Agents.ITenantContext")]
public interface ITenantContext : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<BusinessContext> Get();

    [Alias("Put")]
    Task<BusinessContext> Put(BusinessContext context);
}
