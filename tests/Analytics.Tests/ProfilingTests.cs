using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class ProfilingTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Numpy's default ("linear") quantile, written independently of the production code.</summary>
    private static double NaiveQuantile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var h = (sorted.Count - 1) * p;
        var lower = sorted[(int)Math.Floor(h)];
        var upper = sorted[(int)Math.Ceiling(h)];
        return lower + (h - Math.Floor(h)) * (upper - lower);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2024)]
    public void Numeric_statistics_match_a_naive_computation(int seed)
    {
        var random = new Random(seed);
        var cells = new Cell[1001];
        var present = new List<double>();
        for (var i = 0; i < cells.Length; i++)
        {
            if (random.NextDouble() < 0.1)
            {
                cells[i] = Cell.Missing;
                continue;
            }
            var value = Math.Round(random.NextDouble() * 1000 - 300, 3);
            present.Add(value);
            // Half as numbers, half as numeric strings, as a CSV or JSON upload would give.
            cells[i] = i % 2 == 0 ? Cell.Of(value) : Cell.Of(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        var column = ColumnProfiler.Profile(Tables.SingleColumn(cells)).Columns[0];

        var n = present.Count;
        var mean = present.Sum() / n;
        var std = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        Assert.Equal(ColumnType.Numeric, column.Type);
        Assert.Equal(cells.Length - n, column.Missing);
        Assert.Equal(present.Distinct().Count(), column.Distinct);
        var stats = Assert.IsType<NumericSummary>(column.Numeric);
        Assert.Equal(n, stats.Count);
        AssertClose(mean, stats.Mean);
        AssertClose(std, stats.Std!.Value);
        Assert.Equal(present.Min(), stats.Min);
        Assert.Equal(present.Max(), stats.Max);
        AssertClose(NaiveQuantile(present, 0.5), stats.Median);
        AssertClose(NaiveQuantile(present, 0.25), stats.Q1);
        AssertClose(NaiveQuantile(present, 0.75), stats.Q3);
    }

    [Fact]
    public void Quartiles_interpolate_like_numpy()
    {
        // numpy.quantile([1, 2, 3, 4], [.25, .5, .75]) == [1.75, 2.5, 3.25]
        var stats = ColumnProfiler.Profile(Tables.SingleColumn(4, 1, 3, 2)).Columns[0].Numeric!;

        Assert.Equal(1.75, stats.Q1, 12);
        Assert.Equal(2.5, stats.Median, 12);
        Assert.Equal(3.25, stats.Q3, 12);
        Assert.Equal(1.0, stats.Min);
        Assert.Equal(4.0, stats.Max);
    }

    [Fact]
    public void Odd_count_median_is_the_middle_value()
    {
        var stats = ColumnProfiler.Profile(Tables.SingleColumn(9, 1, 5)).Columns[0].Numeric!;

        Assert.Equal(5.0, stats.Median);
    }

    [Fact]
    public void Variance_is_stable_for_large_offsets()
    {
        // Sample variance of 4, 7, 13, 16 is 30; the textbook one-pass formula loses it at 1e9.
        var stats = ColumnProfiler.Profile(Tables.SingleColumn(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16)).Columns[0].Numeric!;

        Assert.Equal(Math.Sqrt(30), stats.Std!.Value, 6);
        Assert.Equal(1e9 + 10, stats.Mean, 6);
    }

    [Fact]
    public void Std_is_undefined_for_a_single_value()
    {
        var stats = ColumnProfiler.Profile(Tables.SingleColumn(Cell.Missing, 3)).Columns[0].Numeric!;

        Assert.Null(stats.Std);
        Assert.Equal(3.0, stats.Mean);
        Assert.Equal(3.0, stats.Q1);
    }

    [Fact]
    public void Distinct_numbers_compare_by_value()
    {
        var column = ColumnProfiler.Profile(Tables.SingleColumn("1", 1.0, "1.0", "2")).Columns[0];

        Assert.Equal(2, column.Distinct);
    }

    [Fact]
    public void Categorical_top_values_are_ordered_by_count_then_value()
    {
        var cells = Tables.Texts("b", "a", "c", "b", "a", "d", "e", "f", "f", "g", null);

        var column = ColumnProfiler.Profile(Tables.SingleColumn(cells)).Columns[0];

        Assert.Equal(ColumnType.Categorical, column.Type);
        Assert.Equal(1, column.Missing);
        Assert.Equal(7, column.Distinct);
        Assert.Equal(
            [("a", 2), ("b", 2), ("f", 2), ("c", 1), ("d", 1)],
            column.Top.Select(t => (t.Value.Text!, t.Count)));
    }

    [Fact]
    public void Boolean_top_values_merge_words_and_bools()
    {
        var column = ColumnProfiler.Profile(Tables.SingleColumn("yes", true, "no", "TRUE", Cell.Missing)).Columns[0];

        Assert.Equal(ColumnType.Boolean, column.Type);
        Assert.Equal(2, column.Distinct);
        Assert.Equal([(Cell.Of(true), 3), (Cell.Of(false), 1)], column.Top.Select(t => (t.Value, t.Count)));
    }

    [Fact]
    public void Boolean_ties_list_false_first()
    {
        var column = ColumnProfiler.Profile(Tables.SingleColumn(true, false)).Columns[0];

        Assert.Equal([Cell.Of(false), Cell.Of(true)], column.Top.Select(t => t.Value));
    }

    [Fact]
    public void Date_range_is_iso_and_compares_instants()
    {
        var dates = ColumnProfiler.Profile(Tables.SingleColumn("2024-03-01", "2023-12-31", "2024-01-15")).Columns[0];
        var times = ColumnProfiler.Profile(Tables.SingleColumn(
            "2024-03-01T10:00:00+02:00", // 08:00 UTC
            "2024-03-01T09:00:00Z",
            "2024-03-01 08:30:00.25")).Columns[0];

        Assert.Equal(new DateRange("2023-12-31", "2024-03-01"), dates.Dates);
        Assert.Equal(3, dates.Distinct);
        Assert.Equal(new DateRange("2024-03-01T08:00:00Z", "2024-03-01T09:00:00Z"), times.Dates);
        Assert.Empty(times.Top);
    }

    [Fact]
    public void Datetime_distinct_counts_instants()
    {
        var column = ColumnProfiler.Profile(Tables.SingleColumn("2024-03-01T10:00:00+02:00", "2024-03-01T08:00:00Z")).Columns[0];

        Assert.Equal(1, column.Distinct);
    }

    [Fact]
    public void Text_columns_have_no_top_values()
    {
        var column = ColumnProfiler.Profile(Tables.SingleColumn(new string('a', 50), new string('b', 50))).Columns[0];

        Assert.Equal(ColumnType.Text, column.Type);
        Assert.Equal(2, column.Distinct);
        Assert.Empty(column.Top);
        Assert.Null(column.Numeric);
    }

    [Fact]
    public void Complete_rows_count_rows_without_any_missing_cell()
    {
        var table = Tables.Columns(
            ("a", [1, Cell.Missing, 3, 4]),
            ("b", ["x", "y", Cell.Missing, "z"]));

        var profile = ColumnProfiler.Profile(table);

        Assert.Equal(4, profile.Rows);
        Assert.Equal(2, profile.CompleteRows);
        Assert.Equal(["a", "b"], profile.Columns.Select(c => c.Name));
        Assert.Equal(1, profile["b"].Missing);
    }

    [Fact]
    public void Empty_table_profiles_to_zero_rows()
    {
        var profile = ColumnProfiler.Profile(new DataTable(["a"], []));

        Assert.Equal(0, profile.Rows);
        Assert.Equal(ColumnType.Text, profile.Columns[0].Type);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => ColumnProfiler.Profile(Tables.SingleColumn(1, 2), cancelled.Token));
    }
}
