using System.Text.Json.Nodes;
using Actors.Agents;

namespace Actors.Analytics.Tests.Agents;

/// <summary>
/// The data tools an agent works the job's table with, on a table whose answers are computed by hand:
/// every aggregate, every op, ordering and ties, bounds, missing cells, and the errors a model can act on.
/// </summary>
public sealed class DataToolsTests
{
    // north: 100, 300, 250 (sum 650, mean 216.6667, median 250); south: 200, 50 (sum 250); east: 90; one row without region.
    private static readonly DataTable Sales = TableReader.FromCsv(
        "region,revenue,units,month\nnorth,100,1,2025-01-01\nsouth,200,4,2025-01-01\nnorth,300,3,2025-02-01\neast,90,2,2025-02-01\nsouth,50,1,2025-03-01\nnorth,250,5,2025-03-01\n,999,9,2025-03-01\n");

    private static readonly DataTools Tools = new(Sales);

    private static List<(string Group, double Value)> Groups(JsonObject result, string aggregate) =>
        [.. result["groups"]!.AsArray().Select(g => (g!["group"]!.GetValue<string>(), double.Parse(g[aggregate]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public void GroupBySumsEachGroupOrdersByTheFirstAggregateDescendingAndCountsTheRowsWithoutAGroup()
    {
        var result = Tools.GroupBy("region", "revenue", null, null, null, null, null);

        Assert.Equal([("north", 650.0), ("south", 250.0), ("east", 90.0)], Groups(result, "sum"));
        Assert.Equal((3, 1, false, 3), (result["group_count"]!.GetValue<int>(), result["rows_without_group"]!.GetValue<int>(),
            result["truncated"]!.GetValue<bool>(), result["shown"]!.GetValue<int>()));
    }

    [Fact]
    public void GroupByComputesEveryAggregateAskedForRoundedToFourDecimals()
    {
        var result = Tools.GroupBy("region", "revenue", ["count", "sum", "mean", "median", "min", "max"], null, "mean", "asc", null);

        var north = result["groups"]!.AsArray().Single(g => g!["group"]!.GetValue<string>() == "north")!;
        Assert.Equal((3, 650, 216.6667, 250, 100, 300), (north["count"]!.GetValue<int>(), north["sum"]!.GetValue<double>(), north["mean"]!.GetValue<double>(),
            north["median"]!.GetValue<double>(), north["min"]!.GetValue<double>(), north["max"]!.GetValue<double>()));
        Assert.Equal(["east", "south", "north"], Groups(result, "mean").Select(g => g.Group));
        Assert.Equal(125, Groups(result, "median").Single(g => g.Group == "south").Value);
    }

    [Fact]
    public void GroupByWithoutAMeasureCountsRowsAndBreaksTiesByName()
    {
        var result = Tools.GroupBy("month", null, null, null, null, null, null);

        Assert.Equal([("2025-03-01", 3.0), ("2025-01-01", 2.0), ("2025-02-01", 2.0)], Groups(result, "count"));
    }

    [Fact]
    public void GroupByAppliesConditionsAndTheLimitAndSaysItCut()
    {
        var result = Tools.GroupBy("region", "revenue", ["sum"], [new RowCondition("units", ">=", "2")], null, null, 1);

        Assert.Equal([("north", 550.0)], Groups(result, "sum"));
        Assert.Equal((3, true, 1), (result["group_count"]!.GetValue<int>(), result["truncated"]!.GetValue<bool>(), result["shown"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("==", "north", new[] { 1, 3, 6 })]
    [InlineData("!=", "north", new[] { 2, 4, 5 })]
    [InlineData("contains", "OUT", new[] { 2, 5 })]
    [InlineData(">", "m", new[] { 1, 2, 3, 5, 6 })]
    public void FilterComparesTextIgnoringCaseAndNeverMatchesAMissingCell(string op, string value, int[] rows)
    {
        var result = Tools.Filter([new RowCondition("region", op, value)], ["region"], null);

        Assert.Equal(rows, result["rows"]!.AsArray().Select(r => r!["row"]!.GetValue<int>()));
        Assert.Equal(rows.Length, result["rows_matched"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(">", "200", new[] { 3, 6, 7 })]
    [InlineData(">=", "200", new[] { 2, 3, 6, 7 })]
    [InlineData("<", "100", new[] { 4, 5 })]
    [InlineData("<=", "100", new[] { 1, 4, 5 })]
    [InlineData("==", "90.0", new[] { 4 })]
    public void FilterComparesNumbersAsNumbers(string op, string value, int[] rows)
    {
        var result = Tools.Filter([new RowCondition("revenue", op, value)], null, 50);

        Assert.Equal(rows, result["rows"]!.AsArray().Select(r => r!["row"]!.GetValue<int>()));
    }

    [Fact]
    public void FilterJoinsConditionsWithAndShowsTheNamedColumnsAndBoundsTheRows()
    {
        var both = Tools.Filter([new RowCondition("region", "==", "north"), new RowCondition("month", ">=", "2025-02-01")], ["revenue"], null);
        var bounded = Tools.Filter(null, null, 2);

        var rows = both["rows"]!.AsArray();
        Assert.Equal([300.0, 250.0], rows.Select(r => r!["revenue"]!.GetValue<double>()));
        Assert.Equal(["row", "revenue"], rows[0]!.AsObject().Select(p => p.Key));
        Assert.Equal((7, 2, true), (bounded["rows_matched"]!.GetValue<int>(), bounded["rows"]!.AsArray().Count, bounded["truncated"]!.GetValue<bool>()));
    }

    [Fact]
    public void TopNRanksByTheColumnEitherWayWithTiesInRowOrder()
    {
        var top = Tools.TopN("revenue", 2, null, [new RowCondition("region", "!=", "")], ["region", "revenue"]);
        var bottom = Tools.TopN("units", 3, "asc", null, ["units"]);

        Assert.Equal(["north", "north"], top["rows"]!.AsArray().Select(r => r!["region"]!.GetValue<string>()));
        Assert.Equal([300.0, 250.0], top["rows"]!.AsArray().Select(r => r!["revenue"]!.GetValue<double>()));
        Assert.Equal([1, 5, 4], bottom["rows"]!.AsArray().Select(r => r!["row"]!.GetValue<int>()));
    }

    [Fact]
    public void DescribeGivesANumericColumnsStatisticsAndSumAndATextColumnsTopValues()
    {
        var revenue = Tools.Describe("revenue");
        var region = Tools.Describe("region");

        Assert.Equal(("numeric", 7, 7, 1989, 50, 999), (revenue["type"]!.GetValue<string>(), revenue["rows"]!.GetValue<int>(), revenue["present"]!.GetValue<int>(),
            revenue["sum"]!.GetValue<double>(), revenue["min"]!.GetValue<double>(), revenue["max"]!.GetValue<double>()));
        Assert.Equal(200, revenue["median"]!.GetValue<double>());
        Assert.Equal(("categorical", 1, 6), (region["type"]!.GetValue<string>(), region["missing"]!.GetValue<int>(), region["present"]!.GetValue<int>()));
        Assert.Equal(("north", 3), (region["top"]![0]!["value"]!.GetValue<string>(), region["top"]![0]!["count"]!.GetValue<int>()));
    }

    [Fact]
    public void MistakesAreToldWithWhatIsAllowed()
    {
        Assert.Contains("'region', 'revenue', 'units', 'month'", Assert.Throws<ToolArgumentException>(() => Tools.Describe("sales")).Message);
        Assert.Contains("count, sum, mean, median, min, max", Assert.Throws<ToolArgumentException>(() => Tools.GroupBy("region", "revenue", ["avg"], null, null, null, null)).Message);
        Assert.Contains("measure", Assert.Throws<ToolArgumentException>(() => Tools.GroupBy("region", null, ["sum"], null, null, null, null)).Message);
        Assert.Contains("order_by", Assert.Throws<ToolArgumentException>(() => Tools.GroupBy("region", "revenue", ["sum"], null, "mean", null, null)).Message);
        Assert.Contains("contains", Assert.Throws<ToolArgumentException>(() => Tools.Filter([new RowCondition("region", "like", "n")], null, null)).Message);
        Assert.Contains("'asc'", Assert.Throws<ToolArgumentException>(() => Tools.TopN("revenue", 3, "up", null, null)).Message);
    }

    [Fact]
    public void LimitsAreClampedToTheBound()
    {
        var many = new DataTools(TableReader.FromCsv("k,v\n" + string.Concat(Enumerable.Range(0, 120).Select(i => $"k{i},{i}\n"))));

        var groups = many.GroupBy("k", "v", null, null, null, null, 500);
        var rows = many.Filter(null, null, 0);

        Assert.Equal((DataTools.MaxRows, 120, true), (groups["groups"]!.AsArray().Count, groups["group_count"]!.GetValue<int>(), groups["truncated"]!.GetValue<bool>()));
        Assert.Single(rows["rows"]!.AsArray());
    }
}
