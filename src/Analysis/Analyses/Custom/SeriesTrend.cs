using System.Globalization;
using Actors.Analytics;

namespace Actors.Analyses.Custom;

/// <summary>
/// A value summed per distinct time point, in time order, and the least-squares slope of those sums
/// against the period index (so the slope is "per period", whatever the spacing).
/// </summary>
internal sealed record SeriesTrend(IReadOnlyList<(string Period, double Total)> Periods, double Slope)
{
    /// <summary>
    /// Time points are ISO dates/date-times or numbers (a year, a week number); rows where either the
    /// time or the value is missing or unreadable are skipped. Null with fewer than two periods.
    /// </summary>
    public static SeriesTrend? Of(DataTable table, string value, string time, CancellationToken ct)
    {
        var values = table.Column(value);
        var times = table.Column(time);
        var sums = new SortedDictionary<double, (string Label, double Total)>();
        for (var r = 0; r < values.Length; r++)
        {
            if (r % 8192 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (!values[r].TryGetNumber(out var x) || !TryKey(times[r], out var key, out var label))
            {
                continue;
            }
            var sum = sums.GetValueOrDefault(key, (label, 0));
            sums[key] = (sum.Label, sum.Total + x);
        }
        if (sums.Count < 2)
        {
            return null;
        }
        var periods = sums.Values.Select(s => (s.Label, s.Total)).ToArray();
        var meanX = (periods.Length - 1) / 2.0;
        var meanY = periods.Average(p => p.Total);
        double sxy = 0, sxx = 0;
        for (var i = 0; i < periods.Length; i++)
        {
            sxy += (i - meanX) * (periods[i].Total - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return new SeriesTrend(periods, sxy / sxx);
    }

    private static bool TryKey(Cell cell, out double key, out string label)
    {
        if (cell.TryGetDate(out var date, out var dateOnly))
        {
            key = date.UtcTicks;
            label = dateOnly
                ? date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return true;
        }
        if (cell.TryGetNumber(out key))
        {
            label = key.ToString("R", CultureInfo.InvariantCulture);
            return true;
        }
        label = "";
        return false;
    }
}
