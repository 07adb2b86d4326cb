namespace Actors.Analytics.Process;

/// <summary>How an event log's time column reads.</summary>
public enum TimestampKind
{
    /// <summary>ISO-8601 dates or date-times (see <see cref="Cell.TryGetDate"/>), as seconds since the Unix epoch.</summary>
    Datetime,

    /// <summary>Plain numbers, taken as seconds on whatever clock the log uses.</summary>
    Seconds,
}
