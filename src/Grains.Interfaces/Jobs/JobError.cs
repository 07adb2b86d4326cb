namespace Actors.Jobs;

/// <summary>Why a job failed: a stable machine <paramref name="Code"/> and a human message.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobError")]
public sealed record JobError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message);
