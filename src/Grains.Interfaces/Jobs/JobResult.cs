namespace Actors.Jobs;

/// <summary>
/// A job's status together with its report (JSON text), present once completed unless
/// <paramref name="Expired"/>: a report stored by reference outlived its retention.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobResult")]
public sealed record JobResult(
    [property: Id(0)] JobSnapshot Job,
    [property: Id(1)] string? ReportJson,
    [property: Id(2)] bool Expired = false);
