namespace Actors.Analytics;

/// <summary>Pairwise correlations between numeric columns.</summary>
public static class Correlations
{
    /// <summary>Fewer shared rows than this make r meaningless (two points always lie on a line).</summary>
    public const int MinimumRows = 3;

    /// <summary>
    /// Pearson r (and Spearman's ρ, Pearson over average ranks) for every pair of numeric columns, A before B in column order, over rows where both
    /// have a value (pairwise-complete). A pair is left out when it shares fewer than
    /// <see cref="MinimumRows"/> rows or either column is constant over those rows, since r is then undefined.
    /// r is returned at full precision.
    /// </summary>
    public static IReadOnlyList<Correlation> Pearson(DataTable table, TableProfile profile, CancellationToken ct = default)
    {
        var columns = NumericColumns.Read(table, profile, ct);
        var result = new List<Correlation>();
        for (var i = 0; i < columns.Count; i++)
        {
            for (var j = i + 1; j < columns.Count; j++)
            {
                ct.ThrowIfCancellationRequested();
                if (TryPearson(columns[i].Values, columns[j].Values, out var r, out var n))
                {
                    var (rankA, rankB) = PairedRanks(columns[i].Values, columns[j].Values);
                    double? spearman = TryPearson(rankA, rankB, out var rho, out _) ? rho : null;
                    result.Add(new Correlation(columns[i].Profile.Name, columns[j].Profile.Name, r, n, spearman));
                }
            }
        }
        return result;
    }

    /// <summary>Average ranks (ties share the mean of their positions) of the rows where both columns have a value; other rows are NaN.</summary>
    private static (double[] A, double[] B) PairedRanks(double[] a, double[] b)
    {
        var both = Enumerable.Range(0, a.Length).Where(k => !double.IsNaN(a[k]) && !double.IsNaN(b[k])).ToArray();
        return (Ranks(a, both), Ranks(b, both));
    }

    private static double[] Ranks(double[] values, int[] rows)
    {
        var ranks = Enumerable.Repeat(double.NaN, values.Length).ToArray();
        var ordered = rows.OrderBy(k => values[k]).ToArray();
        for (var start = 0; start < ordered.Length;)
        {
            var end = start;
            while (end + 1 < ordered.Length && values[ordered[end + 1]] == values[ordered[start]])
            {
                end++;
            }
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[ordered[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Two-pass: means first, then centred sums, which avoids the cancellation of the one-pass formula.</summary>
    private static bool TryPearson(double[] a, double[] b, out double r, out int n)
    {
        n = 0;
        double sumA = 0, sumB = 0;
        for (var k = 0; k < a.Length; k++)
        {
            if (!double.IsNaN(a[k]) && !double.IsNaN(b[k]))
            {
                n++;
                sumA += a[k];
                sumB += b[k];
            }
        }
        r = 0;
        if (n < MinimumRows)
        {
            return false;
        }
        double meanA = sumA / n, meanB = sumB / n;
        double sxx = 0, syy = 0, sxy = 0;
        for (var k = 0; k < a.Length; k++)
        {
            if (!double.IsNaN(a[k]) && !double.IsNaN(b[k]))
            {
                var da = a[k] - meanA;
                var db = b[k] - meanB;
                sxx += da * da;
                syy += db * db;
                sxy += da * db;
            }
        }
        if (sxx == 0 || syy == 0)
        {
            return false;
        }
        r = sxy / (Math.Sqrt(sxx) * Math.Sqrt(syy));
        if (!double.IsFinite(r))
        {
            return false;
        }
        // Rounding can push a perfect correlation a hair past ±1.
        r = Math.Clamp(r, -1, 1);
        return true;
    }
}
