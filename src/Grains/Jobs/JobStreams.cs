using Orleans.Runtime;

namespace Actors.Jobs;

/// <summary>Names of the stream provider and stream ids that carry job events.</summary>
public static class JobStreams
{
    public const string ProviderName = "jobs";

    /// <summary>One stream per job, keyed like the job grain.</summary>
    public static StreamId ForJob(string tenantId, string jobId) => StreamId.Create("job", JobKey.For(tenantId, jobId));

    /// <summary>Every job event of one tenant, in each job's order (<c>GET /api/v1/events</c>).</summary>
    public static StreamId ForTenant(string tenantId) => StreamId.Create("tenant-jobs", tenantId);
}
