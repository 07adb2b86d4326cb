using Actors.Analytics.Optimization;

namespace Actors.Analytics.Tests.Optimization;

public sealed class UnitRatioTests
{
    [Fact]
    public void Cost_per_unit_per_category_and_the_spread()
    {
        var table = Tables.Columns(
            ("region", Tables.Texts("north", "south", "north", "east", "west", null)),
            ("cost", [100, 40, 50, 30, Cell.Missing, 999]),
            ("units", Tables.Numbers(10, 20, 5, 0, 7, 1)));

        var ratio = UnitRatios.Compute(table, "region", "cost", MeasureKind.Cost, "units");

        // north 150 / 15 = 10, south 40 / 20 = 2, east has no units; west has no cost.
        Assert.Equal(["north", "south", "east"], ratio.Categories.Select(c => c.Category));
        Assert.Equal(new CategoryRatio("north", 150, 15, 10), ratio.Categories[0]);
        Assert.Equal(new CategoryRatio("south", 40, 20, 2), ratio.Categories[1]);
        Assert.Null(ratio.Categories[2].PerUnit);
        Assert.Equal("north", ratio.Highest!.Category);
        Assert.Equal("south", ratio.Lowest!.Category);
        Assert.Equal(5, ratio.Spread);
    }

    [Fact]
    public void Price_is_weighted_by_volume()
    {
        var table = Tables.Columns(
            ("shop", Tables.Texts("a", "a", "b")),
            ("unit_price", Tables.Numbers(2, 4, 3)),
            ("qty", Tables.Numbers(10, 30, 1)));

        var ratio = UnitRatios.Compute(table, "shop", "unit_price", MeasureKind.Price, "qty");

        var a = ratio.Categories.Single(c => c.Category == "a");
        Assert.Equal(140, a.Money); // 2 × 10 + 4 × 30
        Assert.Equal(3.5, a.PerUnit);
        Assert.Equal(3.5 / 3, ratio.Spread!.Value, 12);
    }

    [Fact]
    public void Spread_needs_two_categories_with_a_positive_figure()
    {
        var table = Tables.Columns(
            ("region", Tables.Texts("a", "b")),
            ("revenue", Tables.Numbers(10, 0)),
            ("units", Tables.Numbers(2, 5)));

        var ratio = UnitRatios.Compute(table, "region", "revenue", MeasureKind.Revenue, "units");

        Assert.Equal(2, ratio.Categories.Count);
        Assert.Null(ratio.Spread);
        Assert.Null(ratio.Highest);
        Assert.Null(ratio.Lowest);
    }

    [Fact]
    public void Lowest_ties_go_to_the_first_name()
    {
        var table = Tables.Columns(
            ("region", Tables.Texts("z", "y", "x")),
            ("cost", Tables.Numbers(4, 2, 2)),
            ("units", Tables.Numbers(1, 1, 1)));

        var ratio = UnitRatios.Compute(table, "region", "cost", MeasureKind.Cost, "units");

        Assert.Equal("x", ratio.Lowest!.Category);
        Assert.Equal("z", ratio.Highest!.Category);
        Assert.Equal(2, ratio.Spread);
    }
}
