namespace Actors.Analytics;

/// <summary>A value and how many rows hold it. Booleans are bool cells; everything else is text.</summary>
public sealed record ValueCount(Cell Value, int Count);
