namespace Actors.Jobs;

/// <summary>A job's status together with its report (JSON text), present once completed.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobResult")]
public sealed record JobResult(
    [property: Id(0)] JobSnapshot Job,
    [property: Id(1)] string? ReportJson);
