namespace Actors.Jobs;

/// <summary>A person's decision on a job's approval step: <see cref="DecidedBy"/> is the caller's identity from its credentials.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.ApprovalAnswer")]
public sealed record ApprovalAnswer(
    [property: Id(0)] bool Approve,
    [property: Id(1)] string DecidedBy,
    [property: Id(2)] string? Comment);
