using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class OutlierTests
{
    private static IReadOnlyList<ColumnOutliers> Detect(DataTable table) =>
        Outliers.Detect(table, ColumnProfiler.Profile(table));

    [Fact]
    public void Flags_values_beyond_the_iqr_fences()
    {
        // 1..10 and 100: Q1 = 3.5, Q3 = 8.5 (type 7 over 11 values), IQR = 5, fences -4 and 16.
        var values = Enumerable.Range(1, 10).Select(i => (double)i).Append(100).ToArray();

        var result = Assert.Single(Detect(Tables.SingleColumn(Tables.Numbers(values))));

        Assert.Equal("c", result.Column);
        Assert.Equal(1, result.Count);
        Assert.Equal(-4.0, result.LowerFence, 12);
        Assert.Equal(16.0, result.UpperFence, 12);
        Assert.Equal(new OutlierExample(10, 100), Assert.Single(result.Examples));
    }

    [Fact]
    public void Values_on_the_fence_are_not_outliers()
    {
        // 1..10 and 16 is exactly on the upper fence (Q1 = 3.5, Q3 = 8.5 as above).
        var values = Enumerable.Range(1, 10).Select(i => (double)i).Append(16).ToArray();

        var result = Assert.Single(Detect(Tables.SingleColumn(Tables.Numbers(values))));

        Assert.Equal(16.0, result.UpperFence, 12);
        Assert.Equal(0, result.Count);
        Assert.Empty(result.Examples);
    }

    [Fact]
    public void Low_outliers_are_flagged_and_missing_cells_ignored()
    {
        Cell[] cells = [-50, 10, 11, Cell.Missing, 12, 13, 14, 15];

        var result = Assert.Single(Detect(Tables.SingleColumn(cells)));

        Assert.Equal(1, result.Count);
        Assert.Equal(new OutlierExample(0, -50), Assert.Single(result.Examples));
    }

    [Fact]
    public void Examples_are_the_five_most_extreme_with_row_indexes()
    {
        var values = Enumerable.Repeat(10.0, 20).Concat(Enumerable.Repeat(11.0, 20)).ToList();
        double[] extremes = [100, -300, 200, 150, -120, 400, 90];
        var rows = new List<int>();
        foreach (var extreme in extremes)
        {
            rows.Add(values.Count);
            values.Add(extreme);
        }

        var result = Assert.Single(Detect(Tables.SingleColumn(Tables.Numbers([.. values]))));

        Assert.Equal(extremes.Length, result.Count);
        Assert.Equal([400.0, -300, 200, 150, -120], result.Examples.Select(e => e.Value));
        Assert.All(result.Examples, e => Assert.Equal(e.Value, values[e.Row]));
    }

    [Fact]
    public void Only_numeric_columns_are_examined()
    {
        var table = Tables.Columns(
            ("n", Tables.Numbers(1, 2, 3, 4)),
            ("s", Tables.Texts("a", "b", "a", "b")));

        var result = Assert.Single(Detect(table));

        Assert.Equal("n", result.Column);
        Assert.Equal(0, result.Count);
    }
}
