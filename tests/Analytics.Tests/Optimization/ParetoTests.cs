using Actors.Analytics.Optimization;

namespace Actors.Analytics.Tests.Optimization;

public sealed class ParetoTests
{
    private const double Tolerance = 1e-9;

    private static ParetoResult Of(params (string, double)[] totals) => Pareto.Of(totals);

    [Fact]
    public void Ten_categories_with_a_textbook_80_20_split()
    {
        // 50 + 30 = 80 of 100: two of ten categories (20%) reach 80%; the top fifth is those same two.
        var result = Of(("c", 5), ("a", 50), ("j", 1), ("b", 30), ("d", 4), ("e", 3), ("f", 3), ("g", 2), ("h", 1), ("i", 1));

        Assert.Equal(100, result.Total);
        Assert.Equal(10, result.Items.Count);
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], result.Items.Select(i => i.Category));
        Assert.Equal(2, result.VitalFewCount);
        Assert.Equal(["a", "b"], result.VitalFew.Select(i => i.Category));
        Assert.Equal(20, result.VitalFewSharePct, Tolerance);
        Assert.Equal(80, result.VitalFewValuePct, Tolerance);
        Assert.Equal(2, result.TopGroupCount);
        Assert.Equal(80, result.TopGroupSharePct, Tolerance);
        Assert.Equal([50, 80, 85, 89, 92, 95, 97, 98, 99, 100], result.Items.Select(i => Math.Round(i.CumulativePct, 9)));
        Assert.Equal([50, 30, 5, 4, 3, 3, 2, 1, 1, 1], result.Items.Select(i => Math.Round(i.SharePct, 9)));
    }

    [Fact]
    public void Vital_few_is_the_smallest_prefix_reaching_80_percent()
    {
        // Cumulative 40, 60, 72, 80: four categories are needed; three reach only 72%.
        var result = Of(("a", 40), ("b", 20), ("c", 12), ("d", 8), ("e", 6), ("f", 5), ("g", 4), ("h", 3), ("i", 1), ("j", 1));

        Assert.Equal(4, result.VitalFewCount);
        Assert.Equal(40, result.VitalFewSharePct, Tolerance);
        Assert.Equal(80, result.VitalFewValuePct, Tolerance);
        Assert.Equal(60, result.TopGroupSharePct, Tolerance);
    }

    [Fact]
    public void Just_below_the_threshold_needs_one_more_category()
    {
        var result = Of(("a", 79.9), ("b", 0.2), ("c", 19.9));

        Assert.Equal(["a", "c", "b"], result.Items.Select(i => i.Category));
        Assert.Equal(2, result.VitalFewCount);
    }

    [Fact]
    public void Fractional_totals_reaching_exactly_80_percent_count_as_reaching_it()
    {
        // 0.1 + 0.7 = 0.7999999999999999 in floating point; it must still reach 80% of 1.0.
        var result = Of(("a", 0.7), ("b", 0.1), ("c", 0.2));

        Assert.Equal(["a", "c", "b"], result.Items.Select(i => i.Category));
        Assert.Equal(2, result.VitalFewCount); // 0.7 + 0.2 = 0.9

        var exact = Of(("a", 0.1), ("b", 0.7), ("c", 0.1), ("d", 0.1));
        Assert.Equal(2, exact.VitalFewCount); // 0.7 + 0.1 reaches 0.8 of 1.0
    }

    [Fact]
    public void Ties_rank_by_name_and_the_set_stays_the_smallest()
    {
        var result = Of(("c", 30), ("b", 30), ("a", 30), ("d", 10));

        Assert.Equal(["a", "b", "c", "d"], result.Items.Select(i => i.Category));
        Assert.Equal(3, result.VitalFewCount);

        // b and c tie across the boundary: two categories suffice, and b is chosen by name.
        var boundary = Of(("c", 20), ("a", 60), ("b", 20));
        Assert.Equal(2, boundary.VitalFewCount);
        Assert.Equal(["a", "b"], boundary.VitalFew.Select(i => i.Category));
    }

    [Fact]
    public void Input_order_does_not_matter()
    {
        (string, double)[] totals = [("x", 3), ("y", 9), ("z", 1), ("w", 9)];

        var forward = Of(totals);
        var backward = Of([.. totals.Reverse()]);

        Assert.Equal(forward.Items, backward.Items);
        Assert.Equal(forward.VitalFewCount, backward.VitalFewCount);
    }

    [Fact]
    public void Single_category_is_its_own_vital_few()
    {
        var result = Of(("only", 42));

        Assert.Equal(1, result.VitalFewCount);
        Assert.Equal(100, result.VitalFewSharePct);
        Assert.Equal(100, result.VitalFewValuePct);
        Assert.Equal(1, result.TopGroupCount);
        Assert.Equal(100, result.TopGroupSharePct);
    }

    [Fact]
    public void No_categories_gives_an_empty_ranking()
    {
        var result = Of();

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Items);
        Assert.Equal(0, result.VitalFewCount);
        Assert.Equal(0, result.VitalFewSharePct);
        Assert.Equal(0, result.TopGroupCount);
    }

    [Fact]
    public void All_zero_totals_have_no_vital_few()
    {
        var result = Of(("a", 0), ("b", 0));

        Assert.Equal(0, result.Total);
        Assert.Equal(2, result.Items.Count);
        Assert.Equal(0, result.VitalFewCount);
        Assert.Empty(result.VitalFew);
        Assert.All(result.Items, i => Assert.Equal(0, i.SharePct));
        Assert.Equal(0, result.TopGroupSharePct);
    }

    [Fact]
    public void Zero_totals_are_ranked_last_and_count_as_categories()
    {
        var result = Of(("zero", 0), ("a", 8), ("b", 2));

        Assert.Equal(["a", "b", "zero"], result.Items.Select(i => i.Category));
        Assert.Equal(1, result.VitalFewCount);
        Assert.Equal(100.0 / 3, result.VitalFewSharePct, Tolerance);
        Assert.Equal(0, result.ExcludedCount);
    }

    [Fact]
    public void Negative_totals_are_excluded_and_counted()
    {
        var result = Of(("a", 8), ("loss", -3), ("b", 2), ("refunds", -1.5));

        Assert.Equal(10, result.Total);
        Assert.Equal(["a", "b"], result.Items.Select(i => i.Category));
        Assert.Equal(2, result.ExcludedCount);
        Assert.Equal(-4.5, result.ExcludedTotal);
        Assert.Equal(80, result.Items[0].SharePct, Tolerance);
        Assert.Equal(1, result.VitalFewCount);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(10, 2)]
    [InlineData(15, 3)]
    [InlineData(16, 4)]
    public void Top_fifth_rounds_up(int categories, int expected)
    {
        var result = Pareto.Of(Enumerable.Range(0, categories).Select(i => ($"c{i:00}", (double)(i + 1))));

        Assert.Equal(expected, result.TopGroupCount);
    }

    [Fact]
    public void Duplicate_categories_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Of(("a", 1), ("a", 2)));
    }

    [Fact]
    public void From_a_table_rows_are_summed_per_category_and_negative_rows_net()
    {
        var table = Tables.Columns(
            ("store", Tables.Texts("b", "a", "a", "c", "b", null, "a", "d", "e")),
            ("sales", [10, 30, 25, -5, 5, 1000, Cell.Missing, Cell.Missing, -2]));

        var result = Pareto.Of(table, "store", "sales");

        // a: 30 + 25 (missing skipped); b: 15; c: -5 excluded; d: no numbers, left out; e: -2 excluded; the
        // row without a store is skipped.
        Assert.Equal(["a", "b"], result.Items.Select(i => i.Category));
        Assert.Equal([55.0, 15.0], result.Items.Select(i => i.Value));
        Assert.Equal(70, result.Total);
        Assert.Equal(2, result.ExcludedCount);
        Assert.Equal(-7, result.ExcludedTotal);
        Assert.Equal(2, result.VitalFewCount); // 55 of 70 is 78.6%, short of 80%
    }
}
