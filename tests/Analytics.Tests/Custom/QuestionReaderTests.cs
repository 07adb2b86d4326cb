using System.Text.Json.Nodes;
using Actors.Analyses.Custom;

namespace Actors.Analytics.Tests.Custom;

public sealed class QuestionReaderTests
{
    private static readonly DataTable Table = new(
        ["region", "month", "unit_price", "price", "units", "revenue", "year"],
        Enumerable.Range(0, 12).Select(i => (IReadOnlyList<Cell>)[
            i % 3 == 0 ? "north" : "south",
            $"2024-{i % 12 + 1:00}-01",
            i + 1.5,
            i * 2,
            10 + i,
            100 + 7 * i,
            2020 + i % 4,
        ]));

    private static QuestionReading Read(string? question)
    {
        var profile = ColumnProfiler.Profile(Table);
        return QuestionReader.Read(question, profile, FieldRoleDetector.Detect(Table, profile, new Dictionary<string, string>()));
    }

    private static string Describe(QuestionIntent intent) => intent.ToJson().ToJsonString();

    private static JsonObject Single(string question) => Assert.Single(Read(question).Intents).ToJson();

    private static string[] Columns(JsonObject intent) => [.. intent["columns"]!.AsArray().Select(c => c!.GetValue<string>())];

    [Theory]
    [InlineData("What is the AVERAGE Revenue?", "mean", "revenue")]
    [InlineData("mean of units", "mean", "units")]
    [InlineData("sum of revenue", "sum", "revenue")]
    [InlineData("median units", "median", "units")]
    [InlineData("maximum price", "max", "price")]
    [InlineData("smallest unit price", "min", "unit_price")]
    [InlineData("what's the avg unit_price", "mean", "unit_price")]
    [InlineData("average unitprice", "mean", "unit_price")]
    public void Recognises_an_aggregate_and_its_column(string question, string intent, string column)
    {
        var json = Single(question);

        Assert.Equal(intent, json["intent"]!.GetValue<string>());
        Assert.Equal([column], Columns(json));
    }

    [Fact]
    public void Longer_column_names_win_over_the_names_inside_them()
    {
        var json = Single("average unit price");

        Assert.Equal(["unit_price"], Columns(json));
    }

    [Fact]
    public void A_group_with_a_ranking_word_ranks_group_totals()
    {
        var json = Single("which region has the highest total revenue");

        Assert.Equal("max", json["intent"]!.GetValue<string>());
        Assert.Equal("region", json["group_by"]!.GetValue<string>());
        Assert.Equal("sum", json["aggregate"]!.GetValue<string>());
        Assert.Equal(["revenue", "region"], Columns(json));
    }

    [Fact]
    public void A_ranking_by_average_says_so()
    {
        var json = Single("which region has the lowest average price");

        Assert.Equal("min", json["intent"]!.GetValue<string>());
        Assert.Equal("mean", json["aggregate"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("top 3 regions by revenue", 3, "desc")]
    [InlineData("Bottom five regions by revenue", 5, "asc")]
    [InlineData("rank regions by revenue", 5, "desc")]
    public void Rankings(string question, int n, string order)
    {
        var json = Single(question);

        Assert.Equal("top", json["intent"]!.GetValue<string>());
        Assert.Equal(n, json["top_n"]!.GetValue<int>());
        Assert.Equal(order, json["order"]!.GetValue<string>());
        Assert.Equal("region", json["group_by"]!.GetValue<string>());
        Assert.Equal(["revenue", "region"], Columns(json));
    }

    [Fact]
    public void A_numeric_column_after_by_groups_when_another_is_measured()
    {
        var json = Single("total revenue by year");

        Assert.Equal("sum", json["intent"]!.GetValue<string>());
        Assert.Equal("year", json["group_by"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("how many regions", "distinct", "region")]
    [InlineData("how many rows per region", "count", null)]
    [InlineData("count the rows", "rows", null)]
    [InlineData("how many units", "sum", "units")]
    public void Counting(string question, string aggregate, string? column)
    {
        var json = Single(question);

        Assert.Equal("count", json["intent"]!.GetValue<string>());
        Assert.Equal(aggregate, json["aggregate"]!.GetValue<string>());
        Assert.Equal(column is null ? [] : new[] { column }, json["measures"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public void Trend_uses_the_detected_time_column()
    {
        var json = Single("how is revenue trending over time?");

        Assert.Equal("trend", json["intent"]!.GetValue<string>());
        Assert.Equal("month", json["time_field"]!.GetValue<string>());
        Assert.Equal(["revenue", "month"], Columns(json));
    }

    [Fact]
    public void Correlation_pairs_follow_the_question_order()
    {
        var json = Single("correlation between units and price");

        Assert.Equal("correlation", json["intent"]!.GetValue<string>());
        Assert.Equal(["units", "price"], Columns(json));
    }

    [Fact]
    public void Several_intents_in_one_question_keep_their_order()
    {
        var reading = Read("Are there missing values or outliers, and what is the average revenue?");

        Assert.Equal(["missing", "outliers", "mean"], reading.Intents.Select(i => i.ToJson()["intent"]!.GetValue<string>()));
        Assert.Empty(reading.NotUnderstood);
    }

    [Fact]
    public void Why_is_an_explain_intent_and_unknown_words_are_reported()
    {
        var reading = Read("Why did sales drop in Q3?");

        Assert.Contains(reading.Intents, i => i.ToJson()["intent"]!.GetValue<string>() == "explain");
        Assert.Equal(["sales", "q3"], reading.NotUnderstood);
    }

    [Fact]
    public void Each_aggregate_word_takes_the_columns_after_it()
    {
        var reading = Read("what is the lowest price and the highest units");

        Assert.Equal(
            ["min:price", "max:units"],
            reading.Intents.Select(i => $"{i.ToJson()["intent"]}:{string.Join(",", i.Columns)}"));
    }

    [Fact]
    public void Aggregate_words_without_their_own_columns_share_the_named_ones()
    {
        var reading = Read("average and total of revenue and units");

        Assert.Equal(
            ["mean:revenue", "mean:units", "sum:revenue", "sum:units"],
            reading.Intents.Select(i => $"{i.ToJson()["intent"]}:{string.Join(",", i.Columns)}"));
    }

    [Fact]
    public void Duplicates_are_merged()
    {
        var reading = Read("trend of revenue over time");

        Assert.Single(reading.Intents);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void No_question_has_no_intents(string? question)
    {
        var reading = Read(question);

        Assert.Equal("", reading.Question);
        Assert.Empty(reading.Intents);
        Assert.Empty(reading.NotUnderstood);
    }

    [Fact]
    public void Reading_round_trips_through_json()
    {
        var reading = Read("top 3 regions by average revenue and why?");

        var restored = QuestionReading.Read(JsonNode.Parse(reading.ToJson().ToJsonString()));

        Assert.Equal(reading.Intents.Select(Describe), restored.Intents.Select(Describe));
        Assert.Equal(reading.Question, restored.Question);
    }
}
