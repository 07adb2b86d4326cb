namespace Actors.Jobs;

/// <summary>
/// One state change of a job, as published on the job's stream and kept in its replay buffer.
/// <see cref="Sequence"/> starts at 1 and grows by one per event of the job, so a listener can
/// resume after the last sequence it saw and drop duplicates.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobEvent")]
public sealed record JobEvent(
    [property: Id(0)] string JobId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] JobEventKind Kind,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] int Progress,
    [property: Id(5)] string? CurrentStep,
    [property: Id(6)] DateTimeOffset Timestamp,
    [property: Id(7)] string? Message,
    [property: Id(8)] JobError? Error);
