namespace Actors.Jobs;

/// <summary>Where an analysis job is in its life. Completed, failed, cancelled and rejected are terminal.</summary>
[GenerateSerializer, Alias("Actors.Jobs.JobStatus")]
public enum JobStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,

    /// <summary>Stopped at an approval step until a person (or the step's timeout) decides; holds no run slot.</summary>
    AwaitingApproval = 5,

    /// <summary>Ended by a rejection at an approval step.</summary>
    Rejected = 6,
}

public static class JobStatusExtensions
{
    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Rejected;

    /// <summary>The wire name used by the HTTP API and SSE (<c>queued</c>, <c>running</c>, …).</summary>
    public static string ToWire(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Completed => "completed",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        JobStatus.AwaitingApproval => "awaiting_approval",
        JobStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Every wire name, in the enum's order (for messages and documentation).</summary>
    public static IReadOnlyList<string> WireNames { get; } = [.. Enum.GetValues<JobStatus>().Select(s => s.ToWire())];

    public static bool TryParseWire(string? value, out JobStatus status)
    {
        foreach (var candidate in Enum.GetValues<JobStatus>())
        {
            if (string.Equals(candidate.ToWire(), value, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}
