namespace Actors.Jobs;

/// <summary>
/// A job's large submitted data, stored apart from <see cref="AnalysisJobState"/> by
/// <see cref="AnalysisJobInputGrain"/>: it is written once at submit and cleared when the job ends,
/// while the small job state is written on every event.
/// </summary>
[GenerateSerializer, Alias("Actors.Jobs.AnalysisJobInputState")]
public sealed record AnalysisJobInputState
{
    [Id(0)] public string? RecordsJson { get; init; }
    [Id(1)] public string? Csv { get; init; }
}
