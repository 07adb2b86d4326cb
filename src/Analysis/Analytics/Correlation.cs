namespace Actors.Analytics;

/// <summary>
/// Pearson (linear) and Spearman (rank, so monotone) correlation of two numeric columns over the
/// <paramref name="N"/> rows where both have a value.
/// </summary>
public sealed record Correlation(string A, string B, double Pearson, int N, double? Spearman = null);
