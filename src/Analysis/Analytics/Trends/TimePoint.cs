namespace Actors.Analytics.Trends;

/// <summary>One period of a series.</summary>
/// <param name="Time">
/// The time as the input wrote it: a number cell for numeric time, the (trimmed) text for dates.
/// When several rows share the time, the first row's spelling.
/// </param>
/// <param name="Value">The value, or the mean of the values of rows sharing the time.</param>
public sealed record TimePoint(Cell Time, double Value);
