using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analyses.Custom;
using Actors.Analytics.Tests.Optimization;

namespace Actors.Analytics.Tests.Custom;

public sealed class CustomAnalysisTests
{
    private static readonly CustomAnalysis Analysis = new();

    private static readonly string[] Regions = ["north", "south", "east", "west"];

    /// <summary>Six months × four regions; units fall as price rises, so price and units correlate negatively.</summary>
    private static DataTable Sales(bool planted = false)
    {
        var rows = new List<IReadOnlyList<Cell>>();
        for (var m = 0; m < 6; m++)
        {
            for (var r = 0; r < Regions.Length; r++)
            {
                var price = 10 + 2 * r + m % 3;
                double units = 200 - 8 * price + 5 * m + r;
                var revenue = price * units;
                var month = new DateTime(2024, m + 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var row = rows.Count;
                rows.Add([
                    Regions[r],
                    month,
                    price,
                    planted && row is 3 or 7 ? Cell.Missing : units,
                    planted && row == 10 ? 100_000 : revenue,
                ]);
            }
        }
        return new DataTable(["region", "month", "price", "units", "revenue"], rows);
    }

    private static double[] Numbers(DataTable table, string column) =>
        [.. table.Column(column).ToArray().Select(c => c.TryGetNumber(out var x) ? x : double.NaN)];

    private static string[] Labels(DataTable table, string column) => [.. table.Column(column).ToArray().Select(c => c.ToString())];

    private static Dictionary<string, double> SumBy(DataTable table, string group, string value)
    {
        var labels = Labels(table, group);
        var values = Numbers(table, value);
        return labels.Select((l, i) => (l, v: values[i])).Where(p => !double.IsNaN(p.v)).GroupBy(p => p.l).ToDictionary(g => g.Key, g => g.Sum(p => p.v));
    }

    private static double Pearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        var sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return sxy / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }

    private static Dictionary<string, JsonNode> RunAll(string? question, DataTable? table = null) =>
        ReportTexts.RunAll(Analysis, table ?? Sales(), question);

    private static JsonObject Report(string? question, DataTable? table = null) => RunAll(question, table)["report"].AsObject();

    private static JsonObject Metrics(string? question, DataTable? table = null) => Report(question, table)["metrics"]!.AsObject();

    private static JsonObject OnlyAnswer(JsonObject metrics) => Assert.Single(metrics["answers"]!.AsArray())!.AsObject();

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    [Fact]
    public void Declares_its_type_and_steps_in_order()
    {
        Assert.Equal("custom_analysis", Analysis.Type);
        Assert.Equal(["profile", "intent", "answer", "report"], Analysis.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Average_revenue()
    {
        var table = Sales();
        var expected = Math.Round(Numbers(table, "revenue").Average(), 4);

        var report = Report("What is the average revenue?", table);
        var metrics = report["metrics"]!;
        var answer = OnlyAnswer(metrics.AsObject());

        Assert.Equal("What is the average revenue?", metrics["question"]!.GetValue<string>());
        Assert.False(metrics["needs_llm"]!.GetValue<bool>());
        var intent = Assert.Single(metrics["intents"]!.AsArray())!;
        Assert.Equal("mean", intent["intent"]!.GetValue<string>());
        Assert.Equal(["revenue"], intent["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(intent["answered"]!.GetValue<bool>());
        Assert.Equal("mean", answer["intent"]!.GetValue<string>());
        Assert.Equal(expected, answer["value"]!.GetValue<double>());
        Assert.Equal(24, answer["n"]!.GetValue<int>());
        Assert.Equal($"The average of 'revenue' is {Format(expected)} over 24 values.", report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Total_units_by_region()
    {
        var table = Sales();
        var expected = SumBy(table, "region", "units");

        var answer = OnlyAnswer(Metrics("total units by region", table));

        Assert.Equal("sum", answer["intent"]!.GetValue<string>());
        Assert.Equal("region", answer["group_by"]!.GetValue<string>());
        Assert.Equal(["units", "region"], answer["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(4, answer["group_count"]!.GetValue<int>());
        var groups = answer["groups"]!.AsArray();
        Assert.Equal(expected.OrderByDescending(p => p.Value).Select(p => p.Key), groups.Select(g => g!["category"]!.GetValue<string>()));
        Assert.All(groups, g => Assert.Equal(Math.Round(expected[g!["category"]!.GetValue<string>()], 4), g!["value"]!.GetValue<double>()));
    }

    [Fact]
    public void Region_with_the_highest_revenue()
    {
        var table = Sales();
        var totals = SumBy(table, "region", "revenue");
        var best = totals.OrderByDescending(p => p.Value).First();

        var report = Report("Which region has the highest revenue?", table);
        var answer = OnlyAnswer(report["metrics"]!.AsObject());

        Assert.Equal("max", answer["intent"]!.GetValue<string>());
        Assert.Equal("sum", answer["aggregate"]!.GetValue<string>());
        Assert.Equal(best.Key, answer["category"]!.GetValue<string>());
        Assert.Equal(Math.Round(best.Value, 4), answer["value"]!.GetValue<double>());
        Assert.Equal(
            $"'{best.Key}' has the highest total 'revenue' ({Format(Math.Round(best.Value, 4))}) of the 4 'region' values.",
            report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Correlation_between_price_and_units()
    {
        var table = Sales();
        var expected = Math.Round(Pearson(Numbers(table, "price"), Numbers(table, "units")), 4);

        var answer = OnlyAnswer(Metrics("Is there a correlation between price and units?", table));

        Assert.Equal("correlation", answer["intent"]!.GetValue<string>());
        Assert.Equal(["price", "units"], answer["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(expected, answer["pearson"]!.GetValue<double>());
        Assert.Equal(24, answer["n"]!.GetValue<int>());
        Assert.True(expected < -0.7, $"r = {expected}");
        Assert.Equal("strong", answer["strength"]!.GetValue<string>());
        Assert.Equal("negative", answer["direction"]!.GetValue<string>());
    }

    [Fact]
    public void Why_questions_need_an_llm_and_get_an_overview()
    {
        var report = Report("Why did sales drop?");
        var metrics = report["metrics"]!;

        Assert.True(metrics["needs_llm"]!.GetValue<bool>());
        var intents = metrics["intents"]!.AsArray();
        var explain = Assert.Single(intents, i => i!["intent"]!.GetValue<string>() == "explain")!;
        Assert.False(explain["answered"]!.GetValue<bool>());
        Assert.All(intents, i => Assert.False(i!["answered"]!.GetValue<bool>())); // no 'sales' column for the trend either
        Assert.Empty(metrics["answers"]!.AsArray());
        Assert.Contains("sales", metrics["not_understood"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal(
            "The statistical rules cannot answer this question; an LLM provider is needed to answer it (explaining causes, predicting or advising is beyond the rules). "
                + "Meanwhile, the data has 24 rows and 5 columns (3 numeric); 100% of rows are complete.",
            report["summary"]!.GetValue<string>());
        Assert.Contains(report["recommendations"]!.AsArray(), r => r!["title"]!.GetValue<string>() == "Configure an LLM provider");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_question_gives_an_overview(string? question)
    {
        var report = Report(question);
        var metrics = report["metrics"]!;

        Assert.Null(metrics["question"]);
        Assert.True(metrics["needs_llm"]!.GetValue<bool>());
        Assert.Empty(metrics["intents"]!.AsArray());
        Assert.Equal(24, metrics["rows"]!.GetValue<int>());
        Assert.Equal(5, metrics["column_count"]!.GetValue<int>());
        Assert.Equal(
            "No question was asked, so this is an overview; open questions need an LLM provider. The data has 24 rows and 5 columns (3 numeric); 100% of rows are complete.",
            report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Overview_question_is_answered_without_an_llm()
    {
        var report = Report("Give me an overview of the data");

        Assert.False(report["metrics"]!["needs_llm"]!.GetValue<bool>());
        Assert.Equal("The data has 24 rows and 5 columns (3 numeric); 100% of rows are complete.", report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Top_two_regions_by_revenue()
    {
        var table = Sales();
        var expected = SumBy(table, "region", "revenue").OrderByDescending(p => p.Value).Take(2).ToList();

        var report = Report("top 2 regions by revenue", table);
        var answer = OnlyAnswer(report["metrics"]!.AsObject());

        Assert.Equal("top", answer["intent"]!.GetValue<string>());
        Assert.Equal(2, answer["top_n"]!.GetValue<int>());
        Assert.Equal("desc", answer["order"]!.GetValue<string>());
        Assert.Equal(expected.Select(p => p.Key), answer["groups"]!.AsArray().Select(g => g!["category"]!.GetValue<string>()));
        Assert.Equal(expected.Select(p => Math.Round(p.Value, 4)), answer["groups"]!.AsArray().Select(g => g!["value"]!.GetValue<double>()));
        Assert.StartsWith("The top 2 of 4 'region' values by total 'revenue' are", report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Bottom_three_in_words()
    {
        var table = Sales();
        var expected = SumBy(table, "region", "units").OrderBy(p => p.Value).Take(3).Select(p => p.Key);

        var answer = OnlyAnswer(Metrics("bottom three regions by units", table));

        Assert.Equal("asc", answer["order"]!.GetValue<string>());
        Assert.Equal(expected, answer["groups"]!.AsArray().Select(g => g!["category"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("How many rows are there?", "rows", 24)]
    [InlineData("how many regions", "distinct", 4)]
    [InlineData("number of distinct months", "distinct", 6)]
    public void Counts(string question, string aggregate, int expected)
    {
        var answer = OnlyAnswer(Metrics(question));

        Assert.Equal("count", answer["intent"]!.GetValue<string>());
        Assert.Equal(aggregate, answer["aggregate"]!.GetValue<string>());
        Assert.Equal(expected, answer["value"]!.GetValue<int>());
    }

    [Fact]
    public void How_many_units_sums_them()
    {
        var table = Sales();

        var answer = OnlyAnswer(Metrics("How many units were sold?", table));

        Assert.Equal("sum", answer["aggregate"]!.GetValue<string>());
        Assert.Equal(Numbers(table, "units").Sum(), answer["value"]!.GetValue<double>());
    }

    [Fact]
    public void Region_with_the_most_rows()
    {
        var answer = OnlyAnswer(Metrics("Which region has the most rows?"));

        Assert.Equal("count", answer["aggregate"]!.GetValue<string>());
        Assert.Equal("east", answer["category"]!.GetValue<string>()); // all have six; ties go to the first name
        Assert.Equal(6, answer["value"]!.GetValue<double>());
    }

    [Fact]
    public void Trend_of_revenue_over_time()
    {
        var table = Sales();
        var months = Labels(table, "month");
        var revenue = Numbers(table, "revenue");
        var perMonth = months.Select((m, i) => (m, v: revenue[i])).GroupBy(p => p.m).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Sum(p => p.v)).ToArray();
        var mx = (perMonth.Length - 1) / 2.0;
        var my = perMonth.Average();
        var slope = perMonth.Select((y, i) => (i - mx) * (y - my)).Sum() / perMonth.Select((_, i) => (i - mx) * (i - mx)).Sum();

        var report = Report("What is the trend of revenue over time?", table);
        var answer = OnlyAnswer(report["metrics"]!.AsObject());

        Assert.Equal("trend", answer["intent"]!.GetValue<string>());
        Assert.Equal("month", answer["time_field"]!.GetValue<string>());
        Assert.Equal(6, answer["periods"]!.GetValue<int>());
        Assert.Equal("2024-01-01", answer["first_period"]!.GetValue<string>());
        Assert.Equal("2024-06-01", answer["last_period"]!.GetValue<string>());
        Assert.Equal(Math.Round(perMonth[0], 4), answer["first"]!.GetValue<double>());
        Assert.Equal(Math.Round(perMonth[^1], 4), answer["last"]!.GetValue<double>());
        Assert.Equal(Math.Round(perMonth[^1] - perMonth[0], 4), answer["change"]!.GetValue<double>());
        Assert.Equal(Math.Round(slope, 4), answer["slope_per_period"]!.GetValue<double>());
        Assert.Equal(slope > 0 ? "up" : "down", answer["direction"]!.GetValue<string>());
        Assert.Equal(6, answer["series"]!.AsArray().Count);
        Assert.Contains(report["charts"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "line");
    }

    [Fact]
    public void Lowest_price_names_its_row()
    {
        var table = Sales();
        var prices = Numbers(table, "price");

        var answer = OnlyAnswer(Metrics("what is the lowest price", table));

        Assert.Equal("min", answer["intent"]!.GetValue<string>());
        Assert.Equal(prices.Min(), answer["value"]!.GetValue<double>());
        Assert.Equal(Array.IndexOf(prices, prices.Min()), answer["row"]!.GetValue<int>());
    }

    [Fact]
    public void Median_price_per_region()
    {
        var table = Sales();
        var labels = Labels(table, "region");
        var prices = Numbers(table, "price");

        var answer = OnlyAnswer(Metrics("median price per region", table));

        Assert.Equal("median", answer["aggregate"]!.GetValue<string>());
        foreach (var group in answer["groups"]!.AsArray())
        {
            var values = prices.Where((_, i) => labels[i] == group!["category"]!.GetValue<string>()).Order().ToArray();
            var median = (values[2] + values[3]) / 2; // six values each
            Assert.Equal(median, group!["value"]!.GetValue<double>());
        }
    }

    [Fact]
    public void Missing_values_and_outliers_are_found()
    {
        var table = Sales(planted: true);

        var missing = OnlyAnswer(Metrics("Are there any missing values?", table));
        Assert.Equal(2, missing["total_missing"]!.GetValue<int>());
        Assert.Equal("units", missing["by_column"]![0]!["column"]!.GetValue<string>());

        var report = Report("any outliers in revenue?", table);
        var outliers = OnlyAnswer(report["metrics"]!.AsObject());
        Assert.Equal(["revenue"], outliers["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(1, outliers["total"]!.GetValue<int>());
        Assert.StartsWith("1 value lies outside the interquartile fences; most are in 'revenue' (1, outside", report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Words_not_understood_need_an_llm_but_the_rest_is_answered()
    {
        var table = Sales();
        var expected = Math.Round(Numbers(table, "revenue").Average(), 4);

        var report = Report("average revenue in the north", table);
        var metrics = report["metrics"]!;

        Assert.True(metrics["needs_llm"]!.GetValue<bool>());
        Assert.Equal(["north"], metrics["not_understood"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal(expected, OnlyAnswer(metrics.AsObject())["value"]!.GetValue<double>());
        Assert.Equal(
            $"An LLM provider is needed to answer this question fully (the rules did not understand 'north'). What the statistics show: The average of 'revenue' is {Format(expected)} over 24 values.",
            report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Causal_wording_answers_the_correlation_and_leaves_the_cause_to_an_llm()
    {
        var metrics = Metrics("Does price affect units?");

        Assert.True(metrics["needs_llm"]!.GetValue<bool>());
        Assert.Equal("correlation", OnlyAnswer(metrics)["intent"]!.GetValue<string>());
        Assert.Contains(metrics["intents"]!.AsArray(), i => i!["intent"]!.GetValue<string>() == "explain" && !i["answered"]!.GetValue<bool>());
    }

    [Fact]
    public void Unanswerable_part_is_a_warning_with_its_reason()
    {
        var report = Report("what is the average?");
        var metrics = report["metrics"]!;

        var intent = Assert.Single(metrics["intents"]!.AsArray())!;
        Assert.False(intent["answered"]!.GetValue<bool>());
        Assert.Contains("names no numeric column", intent["reason"]!.GetValue<string>());
        Assert.True(metrics["needs_llm"]!.GetValue<bool>());
        Assert.Contains(report["findings"]!.AsArray(), f => f!["severity"]!.GetValue<string>() == "warning"
            && f["title"]!.GetValue<string>() == "The 'mean' part could not be answered");
    }

    [Fact]
    public void Single_value_column_is_used_when_none_is_named()
    {
        var table = Tables.Columns(("team", Tables.Texts("a", "b", "a")), ("hours", Tables.Numbers(2, 4, 6)));

        var answer = OnlyAnswer(Metrics("what is the average?", table));

        Assert.Equal(["hours"], answer["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(4, answer["value"]!.GetValue<double>());
    }

    [Fact]
    public void Metrics_have_the_documented_keys()
    {
        var metrics = Metrics("What is the average revenue?");

        Assert.Equal(
            ["question", "intents", "answers", "needs_llm", "not_understood", "rows", "column_count", "numeric_columns", "complete_row_pct", "columns"],
            metrics.Select(p => p.Key));
        Assert.Equal(["intent", "columns", "measures", "aggregate", "answered"], metrics["intents"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["intent", "columns", "aggregate", "value", "n"], metrics["answers"]![0]!.AsObject().Select(p => p.Key));
    }

    public static TheoryData<string?> Questions =>
    [
        null,
        "What is the average revenue?",
        "total units by region",
        "Which region has the highest revenue?",
        "Which region has the lowest average price?",
        "Is there a correlation between price and units?",
        "Why did sales drop?",
        "top 3 regions by revenue",
        "How many rows are there? And how many regions?",
        "What is the trend of revenue over time?",
        "Are there missing values or outliers?",
        "what is the lowest price and the highest units",
        "average revenue in the north",
        "Summarize the data",
        "median price per region",
        "Does price affect units?",
        "total revenue by month",
        "what is the correlation of revenue",
    ];

    [Theory]
    [MemberData(nameof(Questions))]
    public void Every_number_in_report_text_appears_in_metrics(string? question)
    {
        foreach (var table in new[] { Sales(), Sales(planted: true) })
        {
            var report = Report(question, table);
            ReportTexts.AssertReportShape(report);
            ReportTexts.AssertTextNumbersAreMetrics(report);
        }
    }

    [Fact]
    public void Resumed_job_gives_the_same_report_from_checkpointed_outputs()
    {
        const string question = "Which region has the highest revenue, and what is the trend of units?";
        var table = Sales();
        var fresh = RunAll(question, table);
        var restored = fresh.Where(p => p.Key != "report").ToDictionary(p => p.Key, p => JsonNode.Parse(p.Value.ToJsonString())!);
        var input = new AnalysisInput(Analysis.Type, table, question, new Dictionary<string, string>());

        var answer = new AnswerStep().Run(input, restored, CancellationToken.None);
        var report = new AnswerReportStep().Run(input, restored, CancellationToken.None);

        Assert.Equal(fresh["answer"].ToJsonString(), answer.ToJsonString());
        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Report_uses_earlier_outputs_not_the_table()
    {
        var fresh = RunAll("total units by region");
        var previous = fresh.Where(p => p.Key != "report").ToDictionary();
        var other = new AnalysisInput(Analysis.Type, Sales(planted: true), "something else", new Dictionary<string, string>());

        Assert.Equal(fresh["report"].ToJsonString(), new AnswerReportStep().Run(other, previous, CancellationToken.None).ToJsonString());
    }
}
