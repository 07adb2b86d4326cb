namespace Actors.Analytics.Trends;

/// <summary>How a series' time field is read.</summary>
public enum TimeKind
{
    /// <summary>Numbers (e.g. a year or a period counter).</summary>
    Numeric,

    /// <summary>ISO-8601 dates or date-times (see <see cref="Cell.TryGetDate"/>).</summary>
    Datetime,
}
