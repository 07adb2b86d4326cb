namespace Actors.Jobs;

/// <summary>Tenant queue defaults. Bound from <c>Actors:Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Actors:Queue";

    /// <summary>Jobs of one tenant that may run at once.</summary>
    public int DefaultConcurrency { get; set; } = 4;

    /// <summary>Newest jobs per tenant kept for <c>GET /api/v1/analyses</c> in the embedded default (production keeps all, in PostgreSQL).</summary>
    public int JobListCapacity { get; set; } = 10_000;

    /// <summary>How long a finished job stays in a PostgreSQL job list after its last change (production).</summary>
    public TimeSpan JobListRetention { get; set; } = TimeSpan.FromDays(90);
}
