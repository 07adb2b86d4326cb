namespace Actors.Analytics;

/// <summary>
/// Earliest and latest value of a datetime column as ISO-8601 strings: yyyy-MM-dd when every value is
/// a plain date, otherwise a UTC timestamp such as 2024-05-01T12:30:00Z.
/// </summary>
public sealed record DateRange(string Min, string Max);
