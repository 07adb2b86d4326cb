namespace Actors.Jobs;

/// <summary>A tenant queue's counts, for status pages, metrics and tests.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.QueueStats")]
public sealed record QueueStats(
    [property: Id(0)] int Running,
    [property: Id(1)] int High,
    [property: Id(2)] int Normal,
    [property: Id(3)] int Low,
    [property: Id(4)] int ConcurrencyLimit,
    [property: Id(5)] IReadOnlyList<string> RunningJobIds);
