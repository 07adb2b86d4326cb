namespace Actors.Jobs;

/// <summary>The SSE <c>event:</c> name of a job event.</summary>
[GenerateSerializer, Alias("Actors.Jobs.JobEventKind")]
public enum JobEventKind
{
    Queued = 0,
    Started = 1,
    Progress = 2,
    Step = 3,
    Completed = 4,
    Failed = 5,
    Cancelled = 6,

    /// <summary>An agent at work: step started, tool called, answered, fell back.</summary>
    Agent = 7,

    /// <summary>The job reached an approval step and waits for a decision.</summary>
    ApprovalRequested = 8,

    /// <summary>The approval step was approved (by a person or its timeout policy): the job queues to run on.</summary>
    Approved = 9,

    /// <summary>The approval step was rejected: the job ends as rejected.</summary>
    Rejected = 10,
}

public static class JobEventKindExtensions
{
    public static string ToWire(this JobEventKind kind) => kind switch
    {
        JobEventKind.Queued => "queued",
        JobEventKind.Started => "started",
        JobEventKind.Progress => "progress",
        JobEventKind.Step => "step",
        JobEventKind.Completed => "completed",
        JobEventKind.Failed => "failed",
        JobEventKind.Cancelled => "cancelled",
        JobEventKind.Agent => "agent",
        JobEventKind.ApprovalRequested => "approval_requested",
        JobEventKind.Approved => "approved",
        JobEventKind.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool IsTerminal(this JobEventKind kind) =>
        kind is JobEventKind.Completed or JobEventKind.Failed or JobEventKind.Cancelled or JobEventKind.Rejected;
}
