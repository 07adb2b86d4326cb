namespace Actors.Analytics;

/// <summary>
/// Values of one numeric column outside the Tukey fences. <see cref="Examples"/> holds up to five of
/// them, the furthest outside the fences first (ties by row). <see cref="RobustZCount"/> counts the
/// values whose robust z-score 0.6745·(x − median)/MAD exceeds 3.5 in size (0 when MAD is 0).
/// </summary>
public sealed record ColumnOutliers(string Column, int Count, double LowerFence, double UpperFence, IReadOnlyList<OutlierExample> Examples, int RobustZCount = 0);
