namespace Actors.Jobs;

/// <summary>What a status read returns: the job's current state without its data or report; <see cref="Approval"/> while it awaits approval.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobSnapshot")]
public sealed record JobSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Type,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] JobPriority Priority,
    [property: Id(4)] int Progress,
    [property: Id(5)] string? CurrentStep,
    [property: Id(6)] int Attempts,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset? CompletedAt,
    [property: Id(10)] JobError? Error,
    [property: Id(11)] long LastSequence,
    [property: Id(12)] ApprovalWait? Approval = null);
