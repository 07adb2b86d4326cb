namespace Actors.Analytics.Optimization;

/// <summary>
/// A Pareto (80/20) ranking. <see cref="Items"/> holds the categories with a non-negative total,
/// largest first; <see cref="Total"/> is their sum. Categories whose total is negative are left out
/// and only counted (<see cref="ExcludedCount"/>, <see cref="ExcludedTotal"/>).
/// </summary>
/// <param name="VitalFewCount">The fewest leading categories whose totals reach <see cref="Pareto.ThresholdPct"/>% of <see cref="Total"/>; 0 when the total is 0.</param>
/// <param name="TopGroupCount">How many categories make the top fifth: ⌈n / 5⌉, at least one when there are any.</param>
/// <param name="TopGroupSharePct">The share of <see cref="Total"/> those top categories hold.</param>
public sealed record ParetoResult(
    double Total,
    IReadOnlyList<ParetoItem> Items,
    int VitalFewCount,
    int TopGroupCount,
    double TopGroupSharePct,
    int ExcludedCount,
    double ExcludedTotal)
{
    public IReadOnlyList<ParetoItem> VitalFew => Items.Take(VitalFewCount).ToArray();

    /// <summary>The vital few as a share of the ranked categories (20 in a textbook 80/20 case).</summary>
    public double VitalFewSharePct => Items.Count == 0 ? 0 : 100.0 * VitalFewCount / Items.Count;

    /// <summary>The share of the total the vital few hold (at least the threshold).</summary>
    public double VitalFewValuePct => VitalFewCount == 0 ? 0 : Items[VitalFewCount - 1].CumulativePct;
}
