using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Analyses;
using Actors.Analyses.Trend;

namespace Actors.Analytics.Tests.Trends;

public sealed partial class TrendAnalysisTests
{
    private const int Months = 48;
    private const int SpikeIndex = 30;
    private const int MissingVisitsRow = 10;

    private static readonly TrendAnalysis Analysis = new();

    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    private static string Month(int i) =>
        new DateTime(2020, 1, 1).AddMonths(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double Sales(int t) =>
        100 + 3 * t + 10 * Math.Sin(2 * Math.PI * t / 12) + (t == SpikeIndex ? 80 : 0);

    private static double Cost(int t) => 200 - 1.5 * t;

    /// <summary>
    /// 48 months plus one row without a month: 'sales' rises with a yearly cycle and one spike,
    /// 'visits' is trendless noise with one gap, 'cost' falls on an exact line, 'region' is a label.
    /// </summary>
    private static DataTable PlantedTable()
    {
        var random = new Random(1);
        string[] regions = ["north", "south"];
        var rows = new List<IReadOnlyList<Cell>>();
        for (var t = 0; t < Months; t++)
        {
            var visits = t == MissingVisitsRow ? Cell.Missing : Cell.Of(Math.Round(500 + random.NextDouble() * 40, 1));
            rows.Add([Month(t), Sales(t), visits, Cost(t), regions[t % 2]]);
        }
        rows.Add([Cell.Missing, 1, 1, 1, "north"]);
        return new DataTable(["month", "sales", "visits", "cost", "region"], rows);
    }

    private static AnalysisInput Input(DataTable table, IReadOnlyDictionary<string, string>? options = null) =>
        new(TrendAnalysis.AnalysisType, table, null, options ?? NoOptions);

    private static Dictionary<string, JsonNode> RunAll(DataTable table, IReadOnlyDictionary<string, string>? options = null)
    {
        var outputs = new Dictionary<string, JsonNode>();
        foreach (var step in Analysis.Steps)
        {
            outputs[step.Name] = step.Run(Input(table, options), outputs, CancellationToken.None);
        }
        return outputs;
    }

    private static JsonObject Report(Dictionary<string, JsonNode> outputs) => outputs["report"].AsObject();

    private static JsonObject SeriesMetrics(JsonObject report, string field) => report["metrics"]!["series"]![field]!.AsObject();

    private static List<JsonObject> Findings(JsonObject report) =>
        [.. report["findings"]!.AsArray().Select(f => f!.AsObject())];

    private static (double Slope, double Intercept, double R2) Ols(IReadOnlyList<double> y)
    {
        double n = y.Count, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (var x = 0; x < y.Count; x++)
        {
            sx += x;
            sy += y[x];
            sxx += x * x;
            sxy += x * y[x];
            syy += y[x] * y[x];
        }
        var slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        var r = (n * sxy - sx * sy) / Math.Sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        return (slope, (sy - slope * sx) / n, r * r);
    }

    private static double Round4(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static IEnumerable<double> NumbersIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => NumbersIn(p.Value)),
        JsonArray a => a.SelectMany(NumbersIn),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)],
        _ => [],
    };

    /// <summary>Numbers in report text, ignoring quoted names and times (which may contain digits).</summary>
    private static IEnumerable<double> NumbersIn(string text) =>
        NumberPattern().Matches(QuotedPattern().Replace(text, "")).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    [Fact]
    public void Declares_its_type_and_steps_in_order()
    {
        Assert.Equal("trend_analysis", Analysis.Type);
        Assert.Equal(["profile", "roles", "trend", "report"], Analysis.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Roles_output_names_time_and_value_fields()
    {
        var roles = RunAll(PlantedTable())["roles"];

        Assert.Equal("month", roles["time_field"]!.GetValue<string>());
        Assert.Equal(["sales", "visits", "cost"], roles["value_fields"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Metrics_describe_the_run()
    {
        var metrics = Report(RunAll(PlantedTable()))["metrics"]!.AsObject();

        Assert.Equal(["time_field", "value_fields", "rows_skipped", "horizon", "series"], metrics.Select(p => p.Key));
        Assert.Equal("month", metrics["time_field"]!.GetValue<string>());
        Assert.Equal(["sales", "visits", "cost"], metrics["value_fields"]!.AsArray().Select(v => v!.GetValue<string>()));
        // The month-less row (skipped by every series) and the visits gap.
        Assert.Equal(2, metrics["rows_skipped"]!.GetValue<int>());
        Assert.Equal(3, metrics["horizon"]!.GetValue<int>());
        Assert.Equal(["sales", "visits", "cost"], metrics["series"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Series_metrics_have_the_documented_names()
    {
        var sales = SeriesMetrics(Report(RunAll(PlantedTable())), "sales");

        foreach (var key in new[] { "n", "slope_per_period", "intercept", "r2", "growth_pct", "seasonality_period", "anomalies", "forecast", "moving_average" })
        {
            Assert.True(sales.ContainsKey(key), $"missing {key}");
        }
        var anomaly = Assert.Single(sales["anomalies"]!.AsArray())!.AsObject();
        Assert.Equal(["index", "t", "value", "expected", "score"], anomaly.Select(p => p.Key));
        Assert.All(sales["forecast"]!.AsArray(), f => Assert.Equal(["t", "index", "value"], f!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public void Series_values_match_an_independent_computation()
    {
        var report = Report(RunAll(PlantedTable()));
        var values = Enumerable.Range(0, Months).Select(Sales).ToArray();
        var (slope, intercept, r2) = Ols(values);

        var sales = SeriesMetrics(report, "sales");

        Assert.Equal(Months, sales["n"]!.GetValue<int>());
        Assert.Equal(Round4(slope), sales["slope_per_period"]!.GetValue<double>());
        Assert.Equal(Round4(intercept), sales["intercept"]!.GetValue<double>());
        Assert.Equal(Round4(r2), sales["r2"]!.GetValue<double>());
        Assert.Equal(Math.Round((values[^1] - values[0]) / values[0] * 100, 2), sales["growth_pct"]!.GetValue<double>());
        Assert.Equal(12, sales["seasonality_period"]!.GetValue<int>());
        Assert.Equal("holt_winters", sales["forecast_method"]!.GetValue<string>());

        var anomaly = sales["anomalies"]![0]!;
        Assert.Equal(SpikeIndex, anomaly["index"]!.GetValue<int>());
        Assert.Equal(Month(SpikeIndex), anomaly["t"]!.GetValue<string>());
        Assert.Equal(Round4(Sales(SpikeIndex)), anomaly["value"]!.GetValue<double>());
        Assert.True(anomaly["score"]!.GetValue<double>() > 3.5);

        Assert.Equal([Month(48), Month(49), Month(50)], sales["forecast"]!.AsArray().Select(f => f!["t"]!.GetValue<string>()));
        Assert.Equal([48, 49, 50], sales["forecast"]!.AsArray().Select(f => f!["index"]!.GetValue<int>()));

        var cost = SeriesMetrics(report, "cost");
        Assert.Equal(-1.5, cost["slope_per_period"]!.GetValue<double>());
        Assert.Equal(200.0, cost["intercept"]!.GetValue<double>());
        Assert.Equal(1.0, cost["r2"]!.GetValue<double>());
        Assert.Equal(-35.25, cost["growth_pct"]!.GetValue<double>());
        Assert.Null(cost["seasonality_period"]);
        Assert.Empty(cost["anomalies"]!.AsArray());
        Assert.Equal("holt", cost["forecast_method"]!.GetValue<string>());
        Assert.Equal([Cost(48), Cost(49), Cost(50)], cost["forecast"]!.AsArray().Select(f => f!["value"]!.GetValue<double>()));

        var visits = SeriesMetrics(report, "visits");
        Assert.Equal(Months - 1, visits["n"]!.GetValue<int>());
        Assert.Equal(2, visits["rows_skipped"]!.GetValue<int>());
        Assert.Equal(Month(48), visits["forecast"]![0]!["t"]!.GetValue<string>());
    }

    [Fact]
    public void Numeric_time_is_written_as_numbers()
    {
        var years = Enumerable.Range(1990, 40).ToArray();
        var values = years.Select((_, i) => 10 + 2.0 * i + (i == 25 ? 60 : 0)).ToArray();
        var table = Tables.Columns(("year", Tables.Numbers([.. years.Select(y => (double)y)])), ("output", Tables.Numbers(values)));

        var output = SeriesMetrics(Report(RunAll(table)), "output");

        var anomaly = Assert.Single(output["anomalies"]!.AsArray())!;
        Assert.Equal(JsonValueKind.Number, anomaly["t"]!.GetValueKind());
        Assert.Equal(2015.0, anomaly["t"]!.GetValue<double>());
        Assert.Equal([2030.0, 2031.0, 2032.0], output["forecast"]!.AsArray().Select(f => f!["t"]!.GetValue<double>()));
        Assert.Equal(1990.0, output["start"]!.GetValue<double>());
    }

    [Fact]
    public void Irregular_time_gives_null_forecast_times_with_indexes()
    {
        var table = Tables.Columns(("day", Tables.Numbers(1, 2, 4, 8, 16)), ("v", Tables.Numbers(1, 2, 3, 4, 5)));

        var forecast = SeriesMetrics(Report(RunAll(table)), "v")["forecast"]!.AsArray();

        Assert.All(forecast, f => Assert.Null(f!["t"]));
        Assert.Equal([5, 6, 7], forecast.Select(f => f!["index"]!.GetValue<int>()));
    }

    [Fact]
    public void Missing_time_field_asks_for_time_field()
    {
        var table = Tables.Columns(("a", Tables.Numbers(1, 2, 3)), ("b", Tables.Numbers(4, 5, 6)));

        var error = Assert.Throws<DataFormatException>(() => RunAll(table));

        Assert.Contains("options.time_field", error.Message);
    }

    [Fact]
    public void Missing_value_field_asks_for_value_field()
    {
        var table = Tables.Columns(("date", Tables.Texts("2024-01-01", "2024-01-02", "2024-01-03")), ("label", Tables.Texts("x", "y", "x")));

        var error = Assert.Throws<DataFormatException>(() => RunAll(table));

        Assert.Contains("options.value_field", error.Message);
    }

    [Fact]
    public void Time_field_of_labels_asks_for_time_field()
    {
        var table = Tables.Columns(("label", Tables.Texts("x", "y", "x")), ("v", Tables.Numbers(1, 2, 3)));

        var error = Assert.Throws<DataFormatException>(() => RunAll(table, new Dictionary<string, string> { ["time_field"] = "label" }));

        Assert.Contains("options.time_field", error.Message);
        Assert.Contains("'label'", error.Message);
    }

    [Fact]
    public void Options_override_detection()
    {
        var options = new Dictionary<string, string> { ["time_field"] = "visits", ["value_field"] = "cost" };
        var table = Tables.Columns(
            ("month", Tables.Texts("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01")),
            ("visits", Tables.Numbers(4, 3, 2, 1)),
            ("sales", Tables.Numbers(1, 2, 3, 4)),
            ("cost", Tables.Numbers(10, 20, 30, 40)));

        var outputs = RunAll(table, options);
        var metrics = Report(outputs)["metrics"]!;

        Assert.Equal("visits", metrics["time_field"]!.GetValue<string>());
        Assert.Equal(["cost"], metrics["value_fields"]!.AsArray().Select(v => v!.GetValue<string>()));
        // Ordered by 'visits', cost falls from 40 to 10.
        Assert.Equal(-10.0, metrics["series"]!["cost"]!["slope_per_period"]!.GetValue<double>());
        Assert.Equal(1.0, metrics["series"]!["cost"]!["start"]!.GetValue<double>());
    }

    [Fact]
    public void Option_naming_no_column_is_a_data_error()
    {
        var error = Assert.Throws<DataFormatException>(() => RunAll(PlantedTable(), new Dictionary<string, string> { ["value_field"] = "revenue" }));

        Assert.Contains("options.value_field", error.Message);
        Assert.Contains("'revenue'", error.Message);
    }

    [Fact]
    public void Several_value_fields_can_be_named()
    {
        var options = new Dictionary<string, string> { ["value_field"] = "cost, sales" };

        var metrics = Report(RunAll(PlantedTable(), options))["metrics"]!;

        Assert.Equal(["cost", "sales"], metrics["value_fields"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(1, metrics["rows_skipped"]!.GetValue<int>());
    }

    [Fact]
    public void Horizon_option_sets_the_forecast_length()
    {
        var metrics = Report(RunAll(PlantedTable(), new Dictionary<string, string> { ["horizon"] = "12" }))["metrics"]!;

        Assert.Equal(12, metrics["horizon"]!.GetValue<int>());
        var forecast = metrics["series"]!["cost"]!["forecast"]!.AsArray();
        Assert.Equal(12, forecast.Count);
        Assert.Equal(Month(59), forecast[^1]!["t"]!.GetValue<string>());
        Assert.Equal(Cost(59), forecast[^1]!["value"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("61")]
    [InlineData("three")]
    [InlineData("2.5")]
    public void Invalid_horizon_is_a_data_error(string horizon)
    {
        var error = Assert.Throws<DataFormatException>(() => RunAll(PlantedTable(), new Dictionary<string, string> { ["horizon"] = horizon }));

        Assert.Contains("options.horizon", error.Message);
    }

    [Fact]
    public void Report_flags_the_planted_patterns()
    {
        var findings = Findings(Report(RunAll(PlantedTable())));

        JsonObject Titled(string title) => Assert.Single(findings, f => f["title"]!.GetValue<string>() == title);

        var spike = Titled($"'sales' is unusual at '{Month(SpikeIndex)}'");
        Assert.Equal("warning", spike["severity"]!.GetValue<string>());
        Assert.Equal(SpikeIndex, spike["evidence"]!["index"]!.GetValue<int>());

        var up = Titled("'sales' is trending up");
        Assert.Equal("info", up["severity"]!.GetValue<string>());

        var down = Titled("'cost' is trending down");
        Assert.Contains("slope of -1.5 per period over 48 periods (R-squared 1)", down["detail"]!.GetValue<string>());
        Assert.Contains("changed by -35.25%", down["detail"]!.GetValue<string>());

        Assert.Contains("12 periods", Titled("'sales' repeats every 12 periods")["detail"]!.GetValue<string>());
        Assert.Equal("info", Titled("'visits' has no clear trend")["severity"]!.GetValue<string>());
        Assert.Single(findings, f => f["severity"]!.GetValue<string>() == "warning");
    }

    [Fact]
    public void Findings_are_ordered_by_severity_and_lead_the_summary()
    {
        var report = Report(RunAll(PlantedTable()));
        var findings = Findings(report);
        int Rank(JsonObject f) => f["severity"]!.GetValue<string>() switch { "critical" => 2, "warning" => 1, _ => 0 };

        Assert.Equal(findings.Select(Rank).OrderByDescending(r => r), findings.Select(Rank));
        var summary = report["summary"]!.GetValue<string>();
        Assert.Contains(findings[0]["title"]!.GetValue<string>(), summary);
        Assert.Contains("'sales' covers 48 periods from '2020-01-01' to '2023-12-01', rising", summary);
        Assert.Contains("2 rows were skipped", summary);
    }

    [Fact]
    public void Every_number_in_report_text_appears_in_metrics()
    {
        var report = Report(RunAll(PlantedTable()));
        var metricNumbers = NumbersIn(report["metrics"]).ToHashSet();
        var texts = new List<string> { report["summary"]!.GetValue<string>() };
        texts.AddRange(Findings(report).SelectMany(f => new[] { f["title"]!.GetValue<string>(), f["detail"]!.GetValue<string>() }));
        texts.AddRange(report["recommendations"]!.AsArray().SelectMany(r => new[] { r!["title"]!.GetValue<string>(), r["detail"]!.GetValue<string>() }));

        var quoted = texts.SelectMany(NumbersIn).ToList();

        Assert.NotEmpty(quoted);
        Assert.Contains(-35.25, quoted);
        foreach (var number in quoted)
        {
            // Stored values are rounded before they are printed, so the text repeats them exactly.
            Assert.True(metricNumbers.Contains(number), $"{number} is not in metrics");
        }
    }

    [Fact]
    public void Evidence_carries_the_exact_metric_values()
    {
        var report = Report(RunAll(PlantedTable()));

        foreach (var finding in Findings(report))
        {
            var evidence = finding["evidence"]!.AsObject();
            Assert.Equal("series", evidence["metric"]!.GetValue<string>());
            var series = SeriesMetrics(report, evidence["series"]!.GetValue<string>());
            if (evidence.ContainsKey("score"))
            {
                var anomaly = series["anomalies"]!.AsArray().Single(a => a!["index"]!.GetValue<int>() == evidence["index"]!.GetValue<int>())!;
                foreach (var key in new[] { "t", "value", "expected", "score" })
                {
                    Assert.True(JsonNode.DeepEquals(anomaly[key], evidence[key]), $"{key} differs");
                }
                continue;
            }
            foreach (var (key, value) in evidence.Where(p => p.Key is not ("metric" or "series")))
            {
                Assert.True(JsonNode.DeepEquals(series[key], value), $"{key} differs");
            }
        }
    }

    [Fact]
    public void Recommendations_follow_the_findings()
    {
        var report = Report(RunAll(PlantedTable()));
        var recommendations = report["recommendations"]!.AsArray();

        Assert.Equal(Findings(report).Count, recommendations.Count);
        Assert.All(recommendations, r =>
        {
            Assert.Contains(r!["impact"]!.GetValue<string>(), new[] { "high", "medium", "low" });
            Assert.Contains(r["effort"]!.GetValue<string>(), new[] { "high", "medium", "low" });
        });
        Assert.Contains(recommendations, r => r!["title"]!.GetValue<string>() == "Investigate the decline in 'cost'");
    }

    [Fact]
    public void Kpis_repeat_metric_values()
    {
        var report = Report(RunAll(PlantedTable()));
        var kpis = report["kpis"]!.AsArray().Select(k => k!.AsObject()).ToList();

        Assert.Equal(3, kpis.Single(k => k["name"]!.GetValue<string>() == "series")["value"]!.GetValue<double>());
        var costGrowth = kpis.Single(k => k["name"]!.GetValue<string>() == "growth_pct" && k["series"]?.GetValue<string>() == "cost");
        Assert.Equal(-35.25, costGrowth["value"]!.GetValue<double>());
        Assert.Equal("%", costGrowth["unit"]!.GetValue<string>());
    }

    [Fact]
    public void Charts_draw_each_series_as_a_line()
    {
        var report = Report(RunAll(PlantedTable()));
        var charts = report["charts"]!.AsArray().Select(c => c!.AsObject()).ToList();

        Assert.Equal(["sales", "visits", "cost"], charts.Select(c => c["series"]!.GetValue<string>()));
        Assert.All(charts, c => Assert.Equal("line", c["kind"]!.GetValue<string>()));
        var sales = charts[0];
        Assert.Equal(["kind", "series", "points", "trend", "anomalies", "forecast", "moving_average"], sales.Select(p => p.Key));
        var points = sales["points"]!.AsArray();
        Assert.Equal(Months, points.Count);
        Assert.Equal(Month(0), points[0]!["t"]!.GetValue<string>());
        Assert.Equal(Sales(5), points[5]!["value"]!.GetValue<double>());
        Assert.Equal(Months, sales["trend"]!.AsArray().Count);
        Assert.Equal([SpikeIndex], sales["anomalies"]!.AsArray().Select(a => a!.GetValue<int>()));
        Assert.True(JsonNode.DeepEquals(SeriesMetrics(report, "sales")["forecast"], sales["forecast"]));
        var costTrend = charts[2]["trend"]!.AsArray();
        Assert.Equal(Cost(47), costTrend[47]!["value"]!.GetValue<double>());
    }

    [Fact]
    public void Short_series_is_a_warning_not_a_trend()
    {
        var table = Tables.Columns(("year", Tables.Numbers(2021, 2022, 2023)), ("v", Tables.Numbers(1, 5, 9)));

        var finding = Assert.Single(Findings(Report(RunAll(table))));

        Assert.Equal("'v' is too short to judge", finding["title"]!.GetValue<string>());
        Assert.Equal("warning", finding["severity"]!.GetValue<string>());
    }

    [Fact]
    public void Steps_end_to_end_from_unsorted_csv_with_duplicates_and_gaps()
    {
        var csv = "week,orders\n2024-01-15,30\n2024-01-01,10\n2024-01-08,18\n2024-01-08,22\n,99\n2024-01-22,\n2024-01-29,50\n";

        var sales = SeriesMetrics(Report(RunAll(TableReader.FromCsv(csv))), "orders");

        Assert.Equal(4, sales["n"]!.GetValue<int>());
        Assert.Equal(1, sales["duplicate_times"]!.GetValue<int>());
        Assert.Equal(2, sales["rows_skipped"]!.GetValue<int>());
        Assert.Equal(400.0, sales["growth_pct"]!.GetValue<double>());
        // The week without a value drops out: 10, 20, 30, 50 sit at period indexes 0..3 (x̄ 1.5, Sxy 65,
        // Sxx 5, slope 13); its date still counts for the weekly step.
        Assert.Equal(13.0, sales["slope_per_period"]!.GetValue<double>());
        Assert.Equal(["2024-02-05", "2024-02-12", "2024-02-19"], sales["forecast"]!.AsArray().Select(f => f!["t"]!.GetValue<string>()));
    }

    [Fact]
    public void Resumed_job_gives_the_same_report_from_checkpointed_outputs()
    {
        var table = PlantedTable();
        var fresh = RunAll(table);
        var restored = fresh.ToDictionary(p => p.Key, p => JsonNode.Parse(p.Value.ToJsonString())!);
        restored.Remove("report");

        var trend = new TrendStep().Run(Input(table), new Dictionary<string, JsonNode> { ["roles"] = restored["roles"] }, CancellationToken.None);
        var report = new TrendReportStep().Run(Input(table), restored, CancellationToken.None);

        Assert.Equal(fresh["trend"].ToJsonString(), trend.ToJsonString());
        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Report_uses_earlier_outputs_not_the_table()
    {
        var fresh = RunAll(PlantedTable());
        var previous = fresh.Where(p => p.Key != "report").ToDictionary();
        var other = Tables.Columns(("year", Tables.Numbers(1, 2, 3, 4)), ("v", Tables.Numbers(4, 3, 2, 1)));

        var report = new TrendReportStep().Run(Input(other), previous, CancellationToken.None);

        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Steps_without_earlier_outputs_are_an_error()
    {
        var table = PlantedTable();
        var empty = new Dictionary<string, JsonNode>();

        // The exception type belongs to the shared step plumbing; what matters here is that the missing step is named.
        Assert.Contains("'trend'", Assert.ThrowsAny<Exception>(() => new TrendReportStep().Run(Input(table), empty, CancellationToken.None)).Message);
        Assert.Contains("'roles'", Assert.ThrowsAny<Exception>(() => new TrendStep().Run(Input(table), empty, CancellationToken.None)).Message);
        Assert.Contains("'profile'", Assert.ThrowsAny<Exception>(() => new RolesStep().Run(Input(table), empty, CancellationToken.None)).Message);
    }

    [Fact]
    public void Steps_are_deterministic()
    {
        var first = RunAll(PlantedTable());
        var second = RunAll(PlantedTable());

        Assert.All(first, p => Assert.Equal(p.Value.ToJsonString(), second[p.Key].ToJsonString()));
    }
}
