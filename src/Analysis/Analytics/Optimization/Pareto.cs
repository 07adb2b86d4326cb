namespace Actors.Analytics.Optimization;

/// <summary>Pareto (80/20) analysis: which few categories carry most of a value.</summary>
public static class Pareto
{
    public const double ThresholdPct = 80;

    /// <summary>The "top fifth" of categories whose share is reported beside the vital few.</summary>
    public const double TopGroupPct = 20;

    /// <summary>
    /// Totals <paramref name="value"/> per label of <paramref name="category"/> and ranks them.
    /// Categories with no number at all are left out; negative row values net against positive ones
    /// within their category (a refund offsets a sale), and a category whose net total is negative is
    /// excluded from the ranking, since shares of a total are only meaningful for non-negative parts.
    /// </summary>
    public static ParetoResult Of(DataTable table, string category, string value, CancellationToken ct = default) =>
        Of(CategoryGroups.Of(table, category, value, ct).Where(g => g.Values > 0).Select(g => (g.Category, g.Sum)));

    /// <summary>
    /// Ranks per-category totals (categories must be distinct): largest first, ties by category name
    /// (ordinal), so when tied categories straddle the threshold the vital few are still the fewest
    /// possible and the choice among ties is by name.
    /// </summary>
    public static ParetoResult Of(IEnumerable<(string Category, double Total)> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<(string Category, double Total)>();
        int excluded = 0;
        double excludedTotal = 0;
        foreach (var (name, total) in totals)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(totals));
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Category '{name}' appears more than once.", nameof(totals));
            }
            if (double.IsNaN(total))
            {
                throw new ArgumentException($"Category '{name}' has no total.", nameof(totals));
            }
            if (total < 0)
            {
                excluded++;
                excludedTotal += total;
            }
            else
            {
                kept.Add((name, total));
            }
        }
        var ranked = kept
            .OrderByDescending(t => t.Total)
            .ThenBy(t => t.Category, StringComparer.Ordinal)
            .ToArray();
        var grand = ranked.Sum(t => t.Total);

        var items = new ParetoItem[ranked.Length];
        double running = 0;
        var vitalFew = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            running += ranked[i].Total;
            items[i] = new ParetoItem(ranked[i].Category, ranked[i].Total, Share(ranked[i].Total, grand), Share(running, grand));
            // Compared on the sums, not on rounded percentages; the relative slack absorbs summation error
            // so 40 + 40 of 100 counts as reaching 80%.
            if (vitalFew == 0 && grand > 0 && running >= grand * (ThresholdPct / 100) * (1 - 1e-12))
            {
                vitalFew = i + 1;
            }
        }

        var topCount = (ranked.Length + 4) / 5;
        var topShare = Share(ranked.Take(topCount).Sum(t => t.Total), grand);
        return new ParetoResult(grand, items, vitalFew, topCount, topShare, excluded, excludedTotal);
    }

    private static double Share(double part, double whole) => whole > 0 ? 100 * part / whole : 0;
}
