using System.Globalization;

namespace Actors.Analytics;

/// <summary>
/// Infers each column's type and summarises it.
/// <para>
/// Type rule, over the non-missing values only (a column with none is <c>text</c>), first match wins:
/// <list type="number">
/// <item><c>boolean</c>: every value is a bool or one of true/false/yes/no (any case);</item>
/// <item><c>numeric</c>: every value is a number or a string parsing as an invariant-culture finite number;</item>
/// <item><c>datetime</c>: every value is an ISO-8601-shaped date or date-time (see <see cref="Cell.TryGetDate"/>);</item>
/// <item><c>categorical</c>: values average at most 40 characters and there are at most 20 distinct values
/// or distinct values are at most half the non-missing values, i.e. labels that repeat;</item>
/// <item><c>text</c>: anything else (long or mostly unique strings such as comments or identifiers).</item>
/// </list>
/// </para>
/// </summary>
public static class ColumnProfiler
{
    public const int TopValueCount = 5;
    public const int CategoricalMaxAverageLength = 40;
    public const int CategoricalAlwaysDistinct = 20;
    public const double CategoricalMaxDistinctShare = 0.5;

    // Cancellation is polled at this stride inside per-cell loops: often enough to stop a 100k-row
    // column promptly, rarely enough to cost nothing.
    private const int CancellationStride = 8192;

    public static TableProfile Profile(DataTable table, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rowHasMissing = new bool[table.RowCount];
        var columns = new ColumnProfile[table.ColumnCount];
        for (var c = 0; c < table.ColumnCount; c++)
        {
            ct.ThrowIfCancellationRequested();
            var cells = table.Column(c);
            for (var r = 0; r < cells.Length; r++)
            {
                if (cells[r].IsMissing)
                {
                    rowHasMissing[r] = true;
                }
            }
            columns[c] = ProfileColumn(table.Columns[c], cells, ct);
        }
        var completeRows = rowHasMissing.Count(missing => !missing);
        return new TableProfile(table.RowCount, completeRows, columns);
    }

    private static ColumnProfile ProfileColumn(string name, ReadOnlySpan<Cell> cells, CancellationToken ct)
    {
        var present = 0;
        bool allBoolean = true, allNumeric = true, allDates = true;
        for (var r = 0; r < cells.Length; r++)
        {
            PollCancellation(r, ct);
            var cell = cells[r];
            if (cell.IsMissing)
            {
                continue;
            }
            present++;
            allBoolean = allBoolean && cell.TryGetBoolean(out _);
            allNumeric = allNumeric && cell.TryGetNumber(out _);
            allDates = allDates && cell.TryGetDate(out _, out _);
        }
        var missing = cells.Length - present;
        if (present == 0)
        {
            return new ColumnProfile(name, ColumnType.Text, missing, 0);
        }
        if (allBoolean)
        {
            return ProfileBoolean(name, cells, missing);
        }
        if (allNumeric)
        {
            return ProfileNumeric(name, cells, present, missing, ct);
        }
        if (allDates)
        {
            return ProfileDates(name, cells, missing, ct);
        }
        return ProfileLabels(name, cells, present, missing, ct);
    }

    private static ColumnProfile ProfileBoolean(string name, ReadOnlySpan<Cell> cells, int missing)
    {
        int trues = 0, falses = 0;
        foreach (var cell in cells)
        {
            if (cell.TryGetBoolean(out var value))
            {
                if (value)
                {
                    trues++;
                }
                else
                {
                    falses++;
                }
            }
        }
        var top = new List<ValueCount>(2);
        // Count descending, then false before true (the value order).
        if (falses >= trues)
        {
            AddIfPresent(top, false, falses);
            AddIfPresent(top, true, trues);
        }
        else
        {
            AddIfPresent(top, true, trues);
            AddIfPresent(top, false, falses);
        }
        return new ColumnProfile(name, ColumnType.Boolean, missing, top.Count) { Top = top };

        static void AddIfPresent(List<ValueCount> top, bool value, int count)
        {
            if (count > 0)
            {
                top.Add(new ValueCount(Cell.Of(value), count));
            }
        }
    }

    private static ColumnProfile ProfileNumeric(string name, ReadOnlySpan<Cell> cells, int present, int missing, CancellationToken ct)
    {
        var values = new double[present];
        var n = 0;
        // Welford's update: stable where the textbook sum-of-squares formula cancels catastrophically.
        double mean = 0, squares = 0;
        for (var r = 0; r < cells.Length; r++)
        {
            PollCancellation(r, ct);
            if (!cells[r].TryGetNumber(out var x))
            {
                continue;
            }
            values[n++] = x;
            var delta = x - mean;
            mean += delta / n;
            squares += delta * (x - mean);
        }
        ct.ThrowIfCancellationRequested();
        Array.Sort(values);
        var distinct = 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[i - 1])
            {
                distinct++;
            }
        }
        double? std = n >= 2 ? Math.Sqrt(squares / (n - 1)) : null;
        var summary = new NumericSummary(
            n,
            mean,
            std,
            values[0],
            values[^1],
            Quantile(values, 0.5),
            Quantile(values, 0.25),
            Quantile(values, 0.75));
        return new ColumnProfile(name, ColumnType.Numeric, missing, distinct) { Numeric = summary };
    }

    /// <summary>Type 7 quantile of sorted values: interpolate linearly at position (n − 1)·p.</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        var position = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var fraction = position - below;
        var low = sorted[below];
        var high = sorted[above];
        var value = low + fraction * (high - low);
        // high − low overflows only for values near ±double.MaxValue; the weighted form cannot.
        return double.IsFinite(value) ? value : low * (1 - fraction) + high * fraction;
    }

    private static ColumnProfile ProfileDates(string name, ReadOnlySpan<Cell> cells, int missing, CancellationToken ct)
    {
        var instants = new HashSet<long>();
        DateTimeOffset min = DateTimeOffset.MaxValue, max = DateTimeOffset.MinValue;
        var allDateOnly = true;
        for (var r = 0; r < cells.Length; r++)
        {
            PollCancellation(r, ct);
            if (!cells[r].TryGetDate(out var value, out var dateOnly))
            {
                continue;
            }
            allDateOnly &= dateOnly;
            instants.Add(value.UtcTicks);
            if (value < min)
            {
                min = value;
            }
            if (value > max)
            {
                max = value;
            }
        }
        var range = new DateRange(FormatDate(min, allDateOnly), FormatDate(max, allDateOnly));
        return new ColumnProfile(name, ColumnType.Datetime, missing, instants.Count) { Dates = range };
    }

    private static string FormatDate(DateTimeOffset value, bool dateOnly) =>
        dateOnly
            ? value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static ColumnProfile ProfileLabels(string name, ReadOnlySpan<Cell> cells, int present, int missing, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long totalLength = 0;
        for (var r = 0; r < cells.Length; r++)
        {
            PollCancellation(r, ct);
            if (cells[r].IsMissing)
            {
                continue;
            }
            var label = cells[r].ToString();
            totalLength += label.Length;
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }
        var averageLength = (double)totalLength / present;
        var repeats = counts.Count <= CategoricalAlwaysDistinct || counts.Count <= CategoricalMaxDistinctShare * present;
        if (averageLength > CategoricalMaxAverageLength || !repeats)
        {
            return new ColumnProfile(name, ColumnType.Text, missing, counts.Count);
        }
        var top = counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(TopValueCount)
            .Select(pair => new ValueCount(Cell.Of(pair.Key), pair.Value))
            .ToArray();
        return new ColumnProfile(name, ColumnType.Categorical, missing, counts.Count) { Top = top };
    }

    private static void PollCancellation(int row, CancellationToken ct)
    {
        if (row % CancellationStride == 0)
        {
            ct.ThrowIfCancellationRequested();
        }
    }
}
