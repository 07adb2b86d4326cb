using Orleans.Runtime;

namespace Actors.Jobs;

/// <summary>Names of the stream provider and stream ids that carry job events.</summary>
public static class JobStreams
{
    public const string ProviderName = "jobs";

    /// <summary>
    /// How long a stream without events stays in its pulling agent's cache (Orleans's default is 30
    /// minutes). A job's stream goes quiet when the job ends; a watched job's next event after a longer
    /// silence finds its subscribers again through the pub-sub, so nothing is lost
    /// (<c>QuietJobStreamTests</c>). 5 s is what the peer benchmark measured (docs/BENCHMARKS.md, change 12).
    /// </summary>
    public static readonly TimeSpan InactivityPeriod = TimeSpan.FromSeconds(5);

    /// <summary>One stream per job, keyed like the job grain.</summary>
    public static StreamId ForJob(string tenantId, string jobId) => StreamId.Create("job", JobKey.For(tenantId, jobId));

    /// <summary>Every job event of one tenant, in each job's order (<c>GET /api/v1/events</c>).</summary>
    public static StreamId ForTenant(string tenantId) => StreamId.Create("tenant-jobs", tenantId);
}
