namespace Actors.Analytics;

/// <summary>
/// Values of one numeric column outside the Tukey fences. <see cref="Examples"/> holds up to five of
/// them, the furthest outside the fences first (ties by row).
/// </summary>
public sealed record ColumnOutliers(string Column, int Count, double LowerFence, double UpperFence, IReadOnlyList<OutlierExample> Examples);
