namespace Actors.Analytics.Process;

/// <summary>
/// One event of a case. Times are seconds on the log's clock (see <see cref="TimestampKind"/>);
/// <see cref="End"/> is set only when the end time was readable and not before <see cref="Start"/>.
/// </summary>
/// <param name="Row">0-based table row; it orders events with equal start times as the input did.</param>
public sealed record ProcessEvent(int Row, string Activity, double Start, double? End, string? Resource);
