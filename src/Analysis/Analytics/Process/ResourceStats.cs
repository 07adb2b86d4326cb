namespace Actors.Analytics.Process;

/// <summary>
/// Events carried out by one resource, and the mean wait before them (defined as for
/// <see cref="ActivityStats.MeanWait"/>; null when all of them start their case).
/// </summary>
public sealed record ResourceStats(string Name, int Events, double? MeanWait);
