using Actors.Analytics.Optimization;

namespace Actors.Analytics.Tests.Optimization;

public sealed class CategoryGroupTests
{
    [Fact]
    public void Groups_by_label_in_name_order_with_sums_and_counts()
    {
        var table = Tables.Columns(
            ("kind", [Cell.Of("b"), Cell.Of("a"), Cell.Of(3), Cell.Of("3"), Cell.Missing, Cell.Of("b")]),
            ("x", ["1.5", 2, 4, Cell.Missing, 100, "n/a"]));

        var groups = CategoryGroups.Of(table, "kind", "x");

        Assert.Equal(
            [new CategoryGroup("3", 2, 1, 4), new CategoryGroup("a", 1, 1, 2), new CategoryGroup("b", 2, 1, 1.5)],
            groups);
        Assert.Equal(4, groups[0].Mean);
        Assert.True(double.IsNaN(new CategoryGroup("z", 1, 0, 0).Mean));
    }

    [Fact]
    public void Without_a_value_column_only_rows_are_counted()
    {
        var groups = CategoryGroups.Of(Tables.Columns(("k", Tables.Texts("a", "a", "b"))), "k");

        Assert.Equal([new CategoryGroup("a", 2, 0, 0), new CategoryGroup("b", 1, 0, 0)], groups);
    }
}
