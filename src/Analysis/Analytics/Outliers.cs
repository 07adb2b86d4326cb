namespace Actors.Analytics;

/// <summary>Outlier detection for numeric columns.</summary>
public static class Outliers
{
    public const double FenceFactor = 1.5;

    /// <summary>Iglewicz and Hoaglin's cut-off for the modified (robust) z-score.</summary>
    public const double RobustZThreshold = 3.5;
    public const int ExampleCount = 5;

    /// <summary>
    /// Tukey's IQR rule per numeric column: a value is an outlier below Q1 − 1.5·IQR or above
    /// Q3 + 1.5·IQR, using the profile's quartiles. Every numeric column is listed, including those
    /// with a count of zero, in column order.
    /// </summary>
    public static IReadOnlyList<ColumnOutliers> Detect(DataTable table, TableProfile profile, CancellationToken ct = default)
    {
        var result = new List<ColumnOutliers>();
        foreach (var (column, values) in NumericColumns.Read(table, profile, ct))
        {
            if (column.Numeric is not { } stats)
            {
                continue;
            }
            var iqr = stats.Q3 - stats.Q1;
            var lower = stats.Q1 - FenceFactor * iqr;
            var upper = stats.Q3 + FenceFactor * iqr;
            var found = new List<(double Distance, OutlierExample Example)>();
            for (var r = 0; r < values.Length; r++)
            {
                var x = values[r];
                if (x < lower)
                {
                    found.Add((lower - x, new OutlierExample(r, x)));
                }
                else if (x > upper)
                {
                    found.Add((x - upper, new OutlierExample(r, x)));
                }
            }
            var examples = found
                .OrderByDescending(f => f.Distance)
                .ThenBy(f => f.Example.Row)
                .Take(ExampleCount)
                .Select(f => f.Example)
                .ToArray();
            result.Add(new ColumnOutliers(column.Name, found.Count, lower, upper, examples, RobustZCount(values, stats.Median)));
        }
        return result;
    }

    /// <summary>Values (NaN = missing) with |0.6745·(x − median)/MAD| above the threshold; 0 when MAD is 0, where the score is undefined.</summary>
    private static int RobustZCount(double[] values, double median)
    {
        var deviations = values.Where(v => !double.IsNaN(v)).Select(v => Math.Abs(v - median)).Order().ToArray();
        if (deviations.Length == 0)
        {
            return 0;
        }
        var mid = deviations.Length / 2;
        var mad = deviations.Length % 2 == 1 ? deviations[mid] : (deviations[mid - 1] + deviations[mid]) / 2;
        return mad == 0 ? 0 : deviations.Count(d => 0.6745 * d / mad > RobustZThreshold);
    }
}
