namespace Actors.Analytics.Optimization;

/// <summary>Cost and revenue per unit of volume, compared across categories.</summary>
public static class UnitRatios
{
    /// <summary>
    /// Per label of <paramref name="category"/>, over rows where the category, money and volume are
    /// all present: money per unit = Σ money / Σ volume. A <see cref="MeasureKind.Price"/> column is
    /// already per unit, so it is weighted instead: Σ (price × volume) / Σ volume, the average price
    /// paid per unit, and its money total is Σ (price × volume).
    /// Categories are ordered by money per unit, highest first (those without one last), then name.
    /// </summary>
    public static UnitRatio Compute(DataTable table, string category, string money, MeasureKind kind, string volume, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var labels = table.Column(category);
        var moneyCells = table.Column(money);
        var volumeCells = table.Column(volume);
        var sums = new Dictionary<string, (double Money, double Volume)>(StringComparer.Ordinal);
        for (var r = 0; r < labels.Length; r++)
        {
            if (r % 8192 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (labels[r].IsMissing || !moneyCells[r].TryGetNumber(out var m) || !volumeCells[r].TryGetNumber(out var v))
            {
                continue;
            }
            var key = labels[r].ToString();
            var sum = sums.GetValueOrDefault(key);
            sums[key] = (sum.Money + (kind == MeasureKind.Price ? m * v : m), sum.Volume + v);
        }

        var categories = sums
            .Select(s => new CategoryRatio(s.Key, s.Value.Money, s.Value.Volume, s.Value.Volume > 0 ? s.Value.Money / s.Value.Volume : null))
            .OrderByDescending(c => c.PerUnit.HasValue)
            .ThenByDescending(c => c.PerUnit ?? 0)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToArray();
        var positive = categories.Where(c => c.PerUnit > 0).ToArray();
        if (positive.Length < 2)
        {
            return new UnitRatio(money, kind, volume, categories, null, null, null);
        }
        var highest = positive[0];
        // Lowest figure, ties to the first name, like the ranking.
        var lowest = positive.Where(c => c.PerUnit == positive[^1].PerUnit).OrderBy(c => c.Category, StringComparer.Ordinal).First();
        return new UnitRatio(money, kind, volume, categories, lowest, highest, highest.PerUnit!.Value / lowest.PerUnit!.Value);
    }
}
