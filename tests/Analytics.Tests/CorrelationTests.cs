using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class CorrelationTests
{
    private static IReadOnlyList<Correlation> Correlate(DataTable table) =>
        Correlations.Pearson(table, ColumnProfiler.Profile(table));

    [Fact]
    public void Perfectly_linear_columns_correlate_at_one()
    {
        var table = Tables.Columns(("x", Tables.Numbers(1, 2, 3, 4, 5)), ("y", Tables.Numbers(3, 5, 7, 9, 11)));

        var correlation = Assert.Single(Correlate(table));

        Assert.Equal(("x", "y", 5), (correlation.A, correlation.B, correlation.N));
        Assert.Equal(1.0, correlation.Pearson, 12);
    }

    [Fact]
    public void Perfectly_anti_linear_columns_correlate_at_minus_one()
    {
        var table = Tables.Columns(("x", Tables.Numbers(1, 2, 3, 4)), ("y", Tables.Numbers(10, 8, 6, 4)));

        Assert.Equal(-1.0, Assert.Single(Correlate(table)).Pearson, 12);
    }

    [Fact]
    public void Small_dataset_matches_hand_computation()
    {
        // dx = -2,-1,0,1,2; dy = -2,0,1,0,1 → Sxy = 6, Sxx = 10, Syy = 6, r = 6 / sqrt(60).
        var table = Tables.Columns(("x", Tables.Numbers(1, 2, 3, 4, 5)), ("y", Tables.Numbers(2, 4, 5, 4, 5)));

        Assert.Equal(6 / Math.Sqrt(60), Assert.Single(Correlate(table)).Pearson, 12);
    }

    [Fact]
    public void Uses_pairwise_complete_rows()
    {
        // Rows 2 and 4 are missing one side; the remaining (1,2),(2,4),(4,8),(6,1) give r by hand:
        // means 3.25, 3.75; Sxy = -0.75, Sxx = 14.75, Syy = 28.75.
        var table = Tables.Columns(
            ("x", [1, 2, Cell.Missing, 4, 5, 6]),
            ("y", ["2", "4", "6", "8", Cell.Missing, "1"]));

        var correlation = Assert.Single(Correlate(table));

        Assert.Equal(4, correlation.N);
        Assert.Equal(-0.75 / Math.Sqrt(14.75 * 28.75), correlation.Pearson, 12);
    }

    [Fact]
    public void Pairs_are_listed_in_column_order_and_skip_non_numeric_columns()
    {
        var table = Tables.Columns(
            ("a", Tables.Numbers(1, 2, 3, 5)),
            ("label", Tables.Texts("p", "q", "p", "q")),
            ("b", Tables.Numbers(2, 1, 4, 3)),
            ("c", Tables.Numbers(9, 7, 8, 1)));

        var pairs = Correlate(table).Select(c => (c.A, c.B));

        Assert.Equal([("a", "b"), ("a", "c"), ("b", "c")], pairs);
    }

    [Fact]
    public void Pairs_sharing_fewer_than_three_rows_are_skipped()
    {
        var table = Tables.Columns(
            ("x", [1, 2, 3, Cell.Missing]),
            ("y", [Cell.Missing, 5, 7, 9]));

        Assert.Empty(Correlate(table));
    }

    [Fact]
    public void Pairs_with_a_constant_side_are_skipped()
    {
        var table = Tables.Columns(("x", Tables.Numbers(1, 2, 3)), ("flat", Tables.Numbers(4, 4, 4)));

        Assert.Empty(Correlate(table));
    }

    [Fact]
    public void Large_offsets_do_not_break_the_result()
    {
        var x = Enumerable.Range(0, 100).Select(i => 1e9 + i).ToArray();
        var y = x.Select(v => -2 * v).ToArray();

        var correlation = Assert.Single(Correlate(Tables.Columns(("x", Tables.Numbers(x)), ("y", Tables.Numbers(y)))));

        Assert.Equal(-1.0, correlation.Pearson, 9);
    }
}
