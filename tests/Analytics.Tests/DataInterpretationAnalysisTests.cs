using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Analyses;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed partial class DataInterpretationAnalysisTests
{
    private const int Rows = 200;
    private const int OutlierRow = 17;
    private const double OutlierValue = 10_000;

    private static readonly DataInterpretationAnalysis Analysis = new();

    /// <summary>
    /// 200 rows with planted features: y ≈ 3x (near-redundant), w ≈ x plus wide noise (strong but not
    /// redundant), one huge 'amount', 'notes' missing in exactly 60% of rows, a constant 'country'.
    /// </summary>
    private static DataTable PlantedTable()
    {
        var random = new Random(42);
        string[] regions = ["north", "south", "east", "west"];
        var rows = new List<IReadOnlyList<Cell>>();
        for (var i = 0; i < Rows; i++)
        {
            var x = Math.Round(random.NextDouble() * 100, 2);
            rows.Add(
            [
                i,
                x,
                Math.Round(3 * x + random.NextDouble() * 10 - 5, 3),
                Math.Round(x + random.NextDouble() * 70 - 35, 3),
                i == OutlierRow ? OutlierValue : Math.Round(10 + random.NextDouble() * 10, 2),
                i % 5 < 3 ? Cell.Missing : Cell.Of($"note about row {i}"),
                regions[random.Next(regions.Length)],
                "US",
                new DateTime(2024, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                random.Next(2) == 0,
            ]);
        }
        return new DataTable(["id", "x", "y", "w", "amount", "notes", "region", "country", "day", "flag"], rows);
    }

    private static DataTable CleanTable()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, Rows)
            .Select(i => (IReadOnlyList<Cell>)[random.NextDouble() * 100, random.NextDouble() * 100, i % 2 == 0 ? "a" : "b"]);
        return new DataTable(["x", "z", "group"], rows);
    }

    private static AnalysisInput Input(DataTable table) =>
        new(DataInterpretationAnalysis.AnalysisType, table, null, new Dictionary<string, string>());

    private static Dictionary<string, JsonNode> RunAll(DataTable table)
    {
        var outputs = new Dictionary<string, JsonNode>();
        foreach (var step in Analysis.Steps)
        {
            outputs[step.Name] = step.Run(Input(table), outputs, CancellationToken.None);
        }
        return outputs;
    }

    private static JsonObject Report(Dictionary<string, JsonNode> outputs) => outputs["report"].AsObject();

    private static IEnumerable<JsonObject> Findings(JsonObject report) =>
        report["findings"]!.AsArray().Select(f => f!.AsObject());

    private static IEnumerable<double> NumbersIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => NumbersIn(p.Value)),
        JsonArray a => a.SelectMany(NumbersIn),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)],
        _ => [],
    };

    /// <summary>Numbers in report text, ignoring quoted column names (which may contain digits).</summary>
    private static IEnumerable<double> NumbersIn(string text) =>
        NumberPattern().Matches(QuotedPattern().Replace(text, "")).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    [Fact]
    public void Declares_its_type_and_steps_in_order()
    {
        Assert.Equal("data_interpretation", Analysis.Type);
        Assert.Equal(["profile", "correlate", "outliers", "report"], Analysis.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Profile_output_has_the_documented_shape()
    {
        var profile = RunAll(PlantedTable())["profile"].AsObject();
        var columns = profile["columns"]!.AsObject();

        Assert.Equal(Rows, profile["rows"]!.GetValue<int>());
        Assert.Equal(10, profile["column_count"]!.GetValue<int>());
        Assert.Equal(5, profile["numeric_columns"]!.GetValue<int>());
        Assert.Equal(80, profile["complete_rows"]!.GetValue<int>());
        Assert.Equal(40.0, profile["complete_row_pct"]!.GetValue<double>());
        Assert.Equal(["id", "x", "y", "w", "amount", "notes", "region", "country", "day", "flag"], columns.Select(c => c.Key));
        Assert.Equal(
            ["type", "missing", "missing_pct", "distinct", "mean", "std", "min", "max", "median", "q1", "q3"],
            columns["x"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["type", "missing", "missing_pct", "distinct", "top"], columns["region"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["type", "missing", "missing_pct", "distinct"], columns["notes"]!.AsObject().Select(p => p.Key));
        Assert.Equal("numeric", columns["x"]!["type"]!.GetValue<string>());
        Assert.Equal("categorical", columns["region"]!["type"]!.GetValue<string>());
        Assert.Equal("text", columns["notes"]!["type"]!.GetValue<string>());
        Assert.Equal("datetime", columns["day"]!["type"]!.GetValue<string>());
        Assert.Equal("boolean", columns["flag"]!["type"]!.GetValue<string>());
        Assert.Equal("2024-01-01", columns["day"]!["min"]!.GetValue<string>());
        Assert.Equal("2024-07-18", columns["day"]!["max"]!.GetValue<string>());
        Assert.Equal(120, columns["notes"]!["missing"]!.GetValue<int>());
        Assert.Equal(60.0, columns["notes"]!["missing_pct"]!.GetValue<double>());
        Assert.Equal(JsonValueKind.String, columns["region"]!["top"]![0]!["value"]!.GetValueKind());
        Assert.Contains(columns["flag"]!["top"]![0]!["value"]!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
    }

    [Fact]
    public void Profile_numbers_match_an_independent_computation()
    {
        var table = PlantedTable();
        var x = table.Column("x").ToArray().Select(c => c.Number!.Value).ToList();
        var mean = x.Sum() / x.Count;
        var std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));

        var column = RunAll(table)["profile"]["columns"]!["x"]!;

        Assert.Equal(mean, column["mean"]!.GetValue<double>(), 9);
        Assert.Equal(std, column["std"]!.GetValue<double>(), 9);
        Assert.Equal(x.Min(), column["min"]!.GetValue<double>());
        Assert.Equal(x.Max(), column["max"]!.GetValue<double>());
    }

    [Fact]
    public void Std_is_null_when_undefined()
    {
        var profile = RunAll(Tables.Columns(("one", [5, Cell.Missing]), ("two", [1, 2])))["profile"];
        var one = profile["columns"]!["one"]!.AsObject();

        Assert.True(one.ContainsKey("std"));
        Assert.Null(one["std"]);
        Assert.Equal(5.0, one["mean"]!.GetValue<double>());
        Assert.NotNull(profile["columns"]!["two"]!["std"]);
    }

    [Fact]
    public void Correlate_output_lists_numeric_pairs_rounded_to_four_decimals()
    {
        var correlate = RunAll(PlantedTable())["correlate"].AsArray();

        Assert.Equal(10, correlate.Count); // 5 numeric columns → 10 pairs
        var xy = correlate.Single(c => c!["a"]!.GetValue<string>() == "x" && c["b"]!.GetValue<string>() == "y")!;
        var r = xy["pearson"]!.GetValue<double>();
        Assert.True(r > 0.99, $"r = {r}");
        Assert.Equal(Math.Round(r, 4), r);
        Assert.Equal(Rows, xy["n"]!.GetValue<int>());
    }

    [Fact]
    public void Outliers_output_lists_only_columns_with_outliers()
    {
        var outliers = RunAll(PlantedTable())["outliers"].AsObject();

        var amount = outliers["amount"]!;
        Assert.Equal(1, amount["count"]!.GetValue<int>());
        Assert.Equal(OutlierRow, amount["examples"]![0]!["row"]!.GetValue<int>());
        Assert.Equal(OutlierValue, amount["examples"]![0]!["value"]!.GetValue<double>());
        Assert.True(amount["upper_fence"]!.GetValue<double>() < OutlierValue);
        Assert.All(outliers, o => Assert.True(o.Value!["count"]!.GetValue<int>() > 0));
        Assert.False(outliers.ContainsKey("x"));
    }

    [Fact]
    public void Report_metrics_repeat_the_earlier_outputs()
    {
        var outputs = RunAll(PlantedTable());
        var metrics = Report(outputs)["metrics"]!;

        Assert.Equal(Rows, metrics["rows"]!.GetValue<int>());
        Assert.Equal(80, metrics["complete_rows"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(outputs["profile"]["columns"], metrics["columns"]));
        Assert.True(JsonNode.DeepEquals(outputs["correlate"], metrics["correlations"]));
        Assert.True(JsonNode.DeepEquals(outputs["outliers"], metrics["outliers"]));
    }

    [Fact]
    public void Report_has_kpis_traceable_to_metrics()
    {
        var report = Report(RunAll(PlantedTable()));
        var kpis = report["kpis"]!.AsArray().ToDictionary(k => k!["name"]!.GetValue<string>(), k => k!);

        Assert.Equal(["rows", "columns", "complete_row_share", "numeric_columns"], kpis.Keys);
        Assert.Equal(Rows, kpis["rows"]["value"]!.GetValue<int>());
        Assert.Equal(10, kpis["columns"]["value"]!.GetValue<int>());
        Assert.Equal(40.0, kpis["complete_row_share"]["value"]!.GetValue<double>());
        Assert.Equal("%", kpis["complete_row_share"]["unit"]!.GetValue<string>());
        Assert.Equal(5, kpis["numeric_columns"]["value"]!.GetValue<int>());
    }

    [Fact]
    public void Report_flags_the_planted_problems()
    {
        var findings = Findings(Report(RunAll(PlantedTable()))).ToList();

        JsonObject About(string metric, string column) =>
            Assert.Single(findings, f => f["evidence"]!["metric"]!.GetValue<string>() == metric
                && f["evidence"]!["column"]?.GetValue<string>() == column);

        var notes = About("columns", "notes");
        Assert.Equal("critical", notes["severity"]!.GetValue<string>());
        Assert.Contains("120 of 200 rows (60%)", notes["detail"]!.GetValue<string>());

        var amount = About("outliers", "amount");
        Assert.Equal("warning", amount["severity"]!.GetValue<string>());
        Assert.Contains("10000 at row index 17", amount["detail"]!.GetValue<string>());

        Assert.Equal("info", About("columns", "country")["severity"]!.GetValue<string>());

        var xy = Assert.Single(findings, f => f["evidence"]!["metric"]!.GetValue<string>() == "correlations"
            && f["evidence"]!["a"]!.GetValue<string>() == "x" && f["evidence"]!["b"]!.GetValue<string>() == "y");
        Assert.Equal("warning", xy["severity"]!.GetValue<string>());
        Assert.Contains("redundant", xy["title"]!.GetValue<string>());

        var xw = Assert.Single(findings, f => f["evidence"]!["metric"]!.GetValue<string>() == "correlations"
            && f["evidence"]!["a"]!.GetValue<string>() == "x" && f["evidence"]!["b"]!.GetValue<string>() == "w");
        Assert.Equal("info", xw["severity"]!.GetValue<string>());
    }

    [Fact]
    public void Findings_are_ordered_by_severity_and_lead_the_summary()
    {
        var report = Report(RunAll(PlantedTable()));
        var findings = Findings(report).ToList();
        int Rank(JsonObject f) => f["severity"]!.GetValue<string>() switch { "critical" => 2, "warning" => 1, _ => 0 };

        Assert.Equal(findings.Select(Rank).OrderByDescending(r => r), findings.Select(Rank));
        var summary = report["summary"]!.GetValue<string>();
        Assert.Contains(findings[0]["title"]!.GetValue<string>(), summary);
        Assert.Contains("200 rows and 10 columns (5 numeric)", summary);
    }

    [Fact]
    public void Evidence_carries_the_exact_metric_values()
    {
        var report = Report(RunAll(PlantedTable()));
        var metrics = report["metrics"]!;

        foreach (var finding in Findings(report))
        {
            var evidence = finding["evidence"]!.AsObject();
            switch (evidence["metric"]!.GetValue<string>())
            {
                case "columns":
                    var column = metrics["columns"]![evidence["column"]!.GetValue<string>()]!;
                    foreach (var (key, value) in evidence.Where(p => p.Key is not ("metric" or "column" or "rows")))
                    {
                        Assert.True(JsonNode.DeepEquals(column[key], value), $"{key} differs");
                    }
                    break;
                case "correlations":
                    var pair = metrics["correlations"]!.AsArray().Single(c =>
                        c!["a"]!.GetValue<string>() == evidence["a"]!.GetValue<string>()
                        && c["b"]!.GetValue<string>() == evidence["b"]!.GetValue<string>())!;
                    Assert.Equal(pair["pearson"]!.GetValue<double>(), evidence["pearson"]!.GetValue<double>());
                    Assert.Equal(pair["n"]!.GetValue<int>(), evidence["n"]!.GetValue<int>());
                    break;
                case "outliers":
                    var outlier = metrics["outliers"]![evidence["column"]!.GetValue<string>()]!;
                    foreach (var key in new[] { "count", "lower_fence", "upper_fence", "examples" })
                    {
                        Assert.True(JsonNode.DeepEquals(outlier[key], evidence[key]), $"{key} differs");
                    }
                    break;
                default:
                    Assert.Fail($"unknown metric {evidence["metric"]}");
                    break;
            }
        }
    }

    [Fact]
    public void Every_number_in_report_text_appears_in_metrics()
    {
        var report = Report(RunAll(PlantedTable()));
        var metricNumbers = NumbersIn(report["metrics"]).ToList();
        var texts = new List<string> { report["summary"]!.GetValue<string>() };
        texts.AddRange(Findings(report).SelectMany(f => new[] { f["title"]!.GetValue<string>(), f["detail"]!.GetValue<string>() }));
        texts.AddRange(report["recommendations"]!.AsArray().SelectMany(r => new[] { r!["title"]!.GetValue<string>(), r["detail"]!.GetValue<string>() }));

        var quoted = texts.SelectMany(NumbersIn).ToList();

        Assert.NotEmpty(quoted);
        Assert.Contains(OutlierValue, quoted);
        foreach (var number in quoted)
        {
            // Text shows at most four decimals of the metric value.
            Assert.True(metricNumbers.Any(m => Math.Abs(m - number) <= 0.00005 + 1e-12), $"{number} is not in metrics");
        }
    }

    [Fact]
    public void Recommendations_follow_the_findings()
    {
        var report = Report(RunAll(PlantedTable()));
        var recommendations = report["recommendations"]!.AsArray();

        Assert.Equal(Findings(report).Count(), recommendations.Count);
        Assert.All(recommendations, r =>
        {
            Assert.Contains(r!["impact"]!.GetValue<string>(), new[] { "high", "medium", "low" });
            Assert.Contains(r["effort"]!.GetValue<string>(), new[] { "high", "medium", "low" });
            Assert.False(string.IsNullOrWhiteSpace(r["detail"]!.GetValue<string>()));
        });
        Assert.Contains(recommendations, r => r!["title"]!.GetValue<string>() == "Repair or drop 'notes'");
    }

    [Fact]
    public void Charts_are_drawn_from_the_profile()
    {
        var report = Report(RunAll(PlantedTable()));
        var charts = report["charts"]!.AsArray();
        var boxes = charts.Where(c => c!["kind"]!.GetValue<string>() == "box").ToList();
        var bar = Assert.Single(charts, c => c!["kind"]!.GetValue<string>() == "bar")!;

        Assert.Equal(["id", "x", "y"], boxes.Select(b => b!["column"]!.GetValue<string>()));
        Assert.Equal(
            report["metrics"]!["columns"]!["x"]!["median"]!.GetValue<double>(),
            boxes[1]!["median"]!.GetValue<double>());
        var notesBar = Assert.Single(bar["bars"]!.AsArray())!;
        Assert.Equal("notes", notesBar["label"]!.GetValue<string>());
        Assert.Equal(60.0, notesBar["value"]!.GetValue<double>());
    }

    [Fact]
    public void Resumed_job_gives_the_same_report_from_checkpointed_outputs()
    {
        var table = PlantedTable();
        var fresh = RunAll(table);
        // A resumed job sees each earlier output parsed back from its stored JSON.
        var restored = fresh.ToDictionary(p => p.Key, p => JsonNode.Parse(p.Value.ToJsonString())!);
        restored.Remove("report");

        var correlate = new CorrelateStep().Run(Input(table), new Dictionary<string, JsonNode> { ["profile"] = restored["profile"] }, CancellationToken.None);
        var report = new ReportStep().Run(Input(table), restored, CancellationToken.None);

        Assert.Equal(fresh["correlate"].ToJsonString(), correlate.ToJsonString());
        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Report_uses_earlier_outputs_not_the_table()
    {
        var fresh = RunAll(PlantedTable());
        var previous = fresh.Where(p => p.Key != "report").ToDictionary();

        var report = new ReportStep().Run(Input(CleanTable()), previous, CancellationToken.None);

        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Report_without_earlier_outputs_is_an_error()
    {
        var error = Assert.Throws<Actors.Teams.TeamDefinitionException>(
            () => new ReportStep().Run(Input(CleanTable()), new Dictionary<string, JsonNode>(), CancellationToken.None));

        Assert.Contains("'profile'", error.Message);
    }

    [Fact]
    public void Clean_data_yields_no_findings()
    {
        var report = Report(RunAll(CleanTable()));

        Assert.Empty(report["findings"]!.AsArray());
        Assert.Empty(report["recommendations"]!.AsArray());
        Assert.Contains("No data quality issues", report["summary"]!.GetValue<string>());
        Assert.Contains("100% of rows", report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Moderately_missing_column_is_a_warning()
    {
        var values = Enumerable.Range(0, 10).Select(i => i < 3 ? Cell.Missing : Cell.Of($"v{i % 2}")).ToArray();
        var report = Report(RunAll(Tables.Columns(("part", values), ("n", Tables.Numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))));

        var finding = Assert.Single(Findings(report));

        Assert.Equal("warning", finding["severity"]!.GetValue<string>());
        Assert.Contains("3 of 10 rows (30%)", finding["detail"]!.GetValue<string>());
    }

    [Fact]
    public void Steps_are_deterministic()
    {
        var first = RunAll(PlantedTable());
        var second = RunAll(PlantedTable());

        Assert.All(first, p => Assert.Equal(p.Value.ToJsonString(), second[p.Key].ToJsonString()));
    }

    [Fact]
    public void Steps_end_to_end_from_csv()
    {
        var csv = "a,b,c\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"{i},{2 * i + 1},\"lbl, {i % 3}\"\n"));

        var outputs = RunAll(TableReader.FromCsv(csv));

        Assert.Equal("numeric", outputs["profile"]["columns"]!["a"]!["type"]!.GetValue<string>());
        Assert.Equal("categorical", outputs["profile"]["columns"]!["c"]!["type"]!.GetValue<string>());
        Assert.Equal(1.0, outputs["correlate"][0]!["pearson"]!.GetValue<double>());
        Assert.Contains(Findings(Report(outputs)), f => f["title"]!.GetValue<string>() == "'a' and 'b' are nearly redundant");
    }
}
