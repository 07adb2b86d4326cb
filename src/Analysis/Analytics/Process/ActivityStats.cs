namespace Actors.Analytics.Process;

/// <summary>
/// What one activity costs across the log. All times are in seconds.
/// </summary>
/// <param name="Count">Occurrences of the activity.</param>
/// <param name="Cases">Cases in which it occurs at least once.</param>
/// <param name="ReworkCases">Cases in which it occurs more than once.</param>
/// <param name="MeanWait">
/// Mean, over occurrences that are not first in their case, of the time since the previous event's
/// start; null when the activity only ever starts a case.
/// </param>
/// <param name="TotalWait">Sum of those waits (0 when there are none): where waiting adds up.</param>
/// <param name="MeanDuration">Mean of end − start over occurrences with an end time; null without any.</param>
/// <param name="MeanIdle">
/// Mean, over non-first occurrences whose previous event has an end time, of start − that end, floored
/// at 0 because overlapping (parallel) work leaves no idle time; null without any.
/// </param>
public sealed record ActivityStats(
    string Name,
    int Count,
    int Cases,
    int ReworkCases,
    double? MeanWait,
    double TotalWait,
    double? MeanDuration,
    double? MeanIdle);
