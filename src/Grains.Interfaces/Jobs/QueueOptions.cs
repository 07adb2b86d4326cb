namespace Actors.Jobs;

/// <summary>Tenant queue defaults. Bound from <c>Actors:Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Actors:Queue";

    /// <summary>Jobs of one tenant that may run at once.</summary>
    public int DefaultConcurrency { get; set; } = 4;

    /// <summary>
    /// Jobs of one tenant that may wait for a run slot; a submission past it is 429 <c>queue_full</c>. Each
    /// waiting job holds its input (up to the body limit) in storage, so the queue must not grow without end. 0 lifts it.
    /// </summary>
    public int MaxQueuedJobs { get; set; } = 1_000;

    /// <summary>The <c>Retry-After</c> of a submission refused because the tenant's queue is full.</summary>
    public TimeSpan QueueFullRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Newest jobs per tenant kept for <c>GET /api/v1/analyses</c> in the embedded default (production keeps all, in PostgreSQL).</summary>
    public int JobListCapacity { get; set; } = 10_000;

    /// <summary>How long a finished job stays in a PostgreSQL job list after its last change (production).</summary>
    public TimeSpan JobListRetention { get; set; } = TimeSpan.FromDays(90);
}
