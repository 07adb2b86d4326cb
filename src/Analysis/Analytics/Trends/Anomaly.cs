namespace Actors.Analytics.Trends;

/// <summary>A period whose value the trend (and season) do not explain.</summary>
/// <param name="Index">Period index in the ordered series.</param>
/// <param name="Expected">Trend plus seasonal component at that period.</param>
/// <param name="Score">Robust z-score of the residual; its sign says above (+) or below (−) expectation.</param>
public sealed record Anomaly(int Index, double Value, double Expected, double Score);
