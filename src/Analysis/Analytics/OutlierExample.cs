namespace Actors.Analytics;

/// <summary>An outlying value and its 0-based row index in the table.</summary>
public sealed record OutlierExample(int Row, double Value);
