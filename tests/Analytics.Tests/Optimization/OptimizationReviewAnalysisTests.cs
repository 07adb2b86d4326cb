using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analyses.Optimization;

namespace Actors.Analytics.Tests.Optimization;

public sealed class OptimizationReviewAnalysisTests
{
    private static readonly OptimizationReviewAnalysis Analysis = new();

    private static readonly string[] Stores = ["s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"];

    /// <summary>Revenue per store totals 500, 300, 50, 40, 30, 30, 20, 10, 10, 10 (of 1000).</summary>
    private static readonly double[] StoreRevenue = [500, 300, 50, 40, 30, 30, 20, 10, 10, 10];

    /// <summary>
    /// Ten stores, three rows each (revenue split 50/30/20%), interleaved so grouping matters. Cost per
    /// unit is 2 in store 1 and 4 elsewhere except 10 in store 10 (spread 5).
    /// </summary>
    private static DataTable Sales()
    {
        var rows = new List<IReadOnlyList<Cell>>();
        double[] split = [0.5, 0.3, 0.2];
        for (var part = 0; part < 3; part++)
        {
            for (var s = 0; s < Stores.Length; s++)
            {
                var units = 10 + s + part;
                var unitCost = s == 0 ? 2 : s == 9 ? 10 : 4;
                rows.Add([Stores[s], units, StoreRevenue[s] * split[part], units * unitCost]);
            }
        }
        return new DataTable(["store", "units", "revenue", "cost"], rows);
    }

    /// <summary>An event log: check repeats in half its cases and is the slowest; cost per row is the value.</summary>
    private static DataTable EventLog() => Tables.Columns(
        ("case_id", Tables.Texts("c1", "c1", "c1", "c1", "c2", "c2", "c2", "c3", "c3", "c3", "c3", "c4", "c4", "c4")),
        ("activity", Tables.Texts("receive", "check", "check", "approve", "receive", "check", "approve", "receive", "check", "check", "approve", "receive", "check", "approve")),
        ("duration_min", Tables.Numbers(1, 5, 5, 2, 1, 6, 2, 1, 4, 4, 3, 1, 5, 2)),
        ("cost", Tables.Numbers(2, 10, 10, 4, 2, 12, 4, 2, 8, 8, 6, 2, 10, 4)));

    private static Dictionary<string, JsonNode> RunAll(DataTable table, IReadOnlyDictionary<string, string>? options = null) =>
        ReportTexts.RunAll(Analysis, table, options: options);

    private static JsonObject Report(DataTable table, IReadOnlyDictionary<string, string>? options = null) =>
        RunAll(table, options)["report"].AsObject();

    private static IEnumerable<JsonObject> Findings(JsonObject report) => report["findings"]!.AsArray().Select(f => f!.AsObject());

    [Fact]
    public void Declares_its_type_and_steps_in_order()
    {
        Assert.Equal("optimization_review", Analysis.Type);
        Assert.Equal(["profile", "roles", "pareto", "candidates", "ratios", "report"], Analysis.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Roles_settle_category_value_and_ratio_columns()
    {
        var roles = RunAll(Sales())["roles"];

        Assert.Equal("store", roles["category_field"]!.GetValue<string>());
        Assert.Equal("revenue", roles["value_field"]!.GetValue<string>()); // preferred over units and cost
        Assert.Equal("store", roles["step_field"]!.GetValue<string>());
        Assert.Equal("category", roles["step_basis"]!.GetValue<string>());
        Assert.Equal("units", roles["volume_field"]!.GetValue<string>());
        Assert.Equal("cost", roles["wait_field"]!.GetValue<string>()); // no duration: cost is the burden
        Assert.Equal(["revenue", "cost"], roles["money_fields"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Null(roles["case_field"]);
    }

    [Fact]
    public void Pareto_metrics_match_an_independent_computation()
    {
        var table = Sales();
        var totals = Enumerable.Range(0, table.RowCount)
            .GroupBy(r => table[r, "store"].Text!)
            .Select(g => (Store: g.Key, Total: g.Sum(r => table[r, "revenue"].Number!.Value)))
            .OrderByDescending(t => t.Total).ThenBy(t => t.Store, StringComparer.Ordinal)
            .ToList();
        var grand = totals.Sum(t => t.Total);

        var pareto = Report(table)["metrics"]!["pareto"]!;

        Assert.Equal("store", pareto["category_field"]!.GetValue<string>());
        Assert.Equal("revenue", pareto["value_field"]!.GetValue<string>());
        Assert.Equal(1000, grand);
        Assert.Equal(grand, pareto["total"]!.GetValue<double>());
        Assert.Equal(10, pareto["categories"]!.GetValue<int>());
        Assert.Equal(80, pareto["threshold_pct"]!.GetValue<double>());
        Assert.Equal(["s01", "s02"], pareto["vital_few"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(2, pareto["vital_few_count"]!.GetValue<int>());
        Assert.Equal(20, pareto["vital_few_share_pct"]!.GetValue<double>());
        Assert.Equal(80, pareto["vital_few_value_pct"]!.GetValue<double>());
        Assert.Equal(2, pareto["top_20pct_count"]!.GetValue<int>());
        Assert.Equal(80, pareto["top_20pct_share_pct"]!.GetValue<double>());
        Assert.Equal(0, pareto["excluded_categories"]!.GetValue<int>());
        var items = pareto["items"]!.AsArray();
        Assert.Equal(totals.Select(t => t.Store), items.Select(i => i!["category"]!.GetValue<string>()));
        double running = 0;
        for (var i = 0; i < totals.Count; i++)
        {
            running += totals[i].Total;
            Assert.Equal(Math.Round(totals[i].Total, 4), items[i]!["value"]!.GetValue<double>());
            Assert.Equal(Math.Round(100 * totals[i].Total / grand, 2), items[i]!["share_pct"]!.GetValue<double>());
            Assert.Equal(Math.Round(100 * running / grand, 2), items[i]!["cumulative_pct"]!.GetValue<double>());
        }
    }

    [Fact]
    public void Metrics_have_the_documented_keys()
    {
        var metrics = Report(Sales())["metrics"]!.AsObject();

        Assert.Equal(["rows", "column_count", "fields", "pareto", "automation_basis", "automation_candidates", "ratios"], metrics.Select(p => p.Key));
        Assert.Equal(
            ["category_field", "value_field", "total", "categories", "threshold_pct", "vital_few", "vital_few_count", "vital_few_share_pct",
             "vital_few_value_pct", "top_20pct_count", "top_20pct_share_pct", "excluded_categories", "excluded_total", "items"],
            metrics["pareto"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["step", "count", "row_share_pct", "cases", "repeat_cases", "repeat_share_pct", "mean_wait", "frequency_score", "wait_score", "score"],
            metrics["automation_candidates"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["category_field", "volume_field", "items"], metrics["ratios"]!.AsObject().Select(p => p.Key));
        Assert.Equal(30, metrics["rows"]!.GetValue<int>());
    }

    [Fact]
    public void Ratios_give_cost_and_revenue_per_unit_and_their_spread()
    {
        var table = Sales();
        var ratios = Report(table)["metrics"]!["ratios"]!;
        var items = ratios["items"]!.AsArray();

        Assert.Equal("units", ratios["volume_field"]!.GetValue<string>());
        Assert.Equal(["revenue", "cost"], items.Select(i => i!["money_field"]!.GetValue<string>()));
        var cost = items[1]!;
        Assert.Equal("cost", cost["kind"]!.GetValue<string>());
        Assert.Equal(5, cost["spread"]!.GetValue<double>());
        Assert.Equal("s10", cost["highest"]!["category"]!.GetValue<string>());
        Assert.Equal(10, cost["highest"]!["per_unit"]!.GetValue<double>());
        Assert.Equal("s01", cost["lowest"]!["category"]!.GetValue<string>());
        Assert.Equal(2, cost["lowest"]!["per_unit"]!.GetValue<double>());

        var revenue = items[0]!;
        Assert.Equal("revenue", revenue["kind"]!.GetValue<string>());
        foreach (var row in revenue["categories"]!.AsArray())
        {
            var store = row!["category"]!.GetValue<string>();
            var rows = Enumerable.Range(0, table.RowCount).Where(r => table[r, "store"].Text == store).ToList();
            var perUnit = rows.Sum(r => table[r, "revenue"].Number!.Value) / rows.Sum(r => table[r, "units"].Number!.Value);
            Assert.Equal(Math.Round(perUnit, 4), row["per_unit"]!.GetValue<double>());
        }
    }

    [Fact]
    public void Sales_report_finds_concentration_dependence_and_the_cost_spread()
    {
        var report = Report(Sales());
        var findings = Findings(report).ToList();

        var concentration = Assert.Single(findings, f => f["title"]!.GetValue<string>().StartsWith("A vital few", StringComparison.Ordinal));
        Assert.Equal("info", concentration["severity"]!.GetValue<string>());
        Assert.Equal(
            "2 of 10 'store' values (20% of them) account for 80% of 'revenue', past the 80% mark; the top fifth (2) hold 80%.",
            concentration["detail"]!.GetValue<string>());
        var dominant = Assert.Single(findings, f => f["title"]!.GetValue<string>() == "'s01' alone carries 50% of 'revenue'");
        Assert.Equal("warning", dominant["severity"]!.GetValue<string>());
        var spread = Assert.Single(findings, f => f["evidence"]!["metric"]!.GetValue<string>() == "ratios" && f["evidence"]!["money_field"]!.GetValue<string>() == "cost");
        Assert.Equal("warning", spread["severity"]!.GetValue<string>());
        Assert.Contains("a spread of 5 times", spread["detail"]!.GetValue<string>());
        // Stores are not process steps: no automation finding.
        Assert.DoesNotContain(findings, f => f["evidence"]!["metric"]!.GetValue<string>() == "automation_candidates");
        Assert.Contains(report["recommendations"]!.AsArray(), r => r!["title"]!.GetValue<string>() == "Focus on the vital few 'store' values");

        Assert.Equal(
            "2 of 10 'store' values (20% of them) account for 80% of total 'revenue' (1000). Top finding: 's01' alone carries 50% of 'revenue'.",
            report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Event_log_ranks_automation_candidates_and_flags_rework()
    {
        var report = Report(EventLog());
        var metrics = report["metrics"]!;

        Assert.Equal("activity", metrics["pareto"]!["category_field"]!.GetValue<string>());
        Assert.Equal("cost", metrics["pareto"]!["value_field"]!.GetValue<string>());
        Assert.Equal("activity", metrics["automation_basis"]!["step_basis"]!.GetValue<string>());
        Assert.Equal("case_id", metrics["automation_basis"]!["case_field"]!.GetValue<string>());
        Assert.Equal("duration_min", metrics["automation_basis"]!["wait_field"]!.GetValue<string>());
        var candidates = metrics["automation_candidates"]!.AsArray();
        Assert.Equal(["check", "approve", "receive"], candidates.Select(c => c!["step"]!.GetValue<string>()));
        var check = candidates[0]!;
        Assert.Equal(6, check["count"]!.GetValue<int>());
        Assert.Equal(50, check["repeat_share_pct"]!.GetValue<double>());
        Assert.Equal(Math.Round(29.0 / 6, 4), check["mean_wait"]!.GetValue<double>());
        Assert.Equal(3, check["score"]!.GetValue<double>());
        Assert.Equal(Math.Round(4.0 / 6 * (1 + 2.25 / (29.0 / 6)), 4), candidates[1]!["score"]!.GetValue<double>());
        Assert.Null(metrics["ratios"]);

        var findings = Findings(report).ToList();
        var top = Assert.Single(findings, f => f["title"]!.GetValue<string>() == "'check' is the top automation candidate");
        Assert.Equal(
            "'check' occurs 6 times (42.86% of steps), with a mean 'duration_min' of 4.8333, and repeats in 50% of its cases; its score of 3 is the highest among the 'activity' values.",
            top["detail"]!.GetValue<string>());
        var rework = Assert.Single(findings, f => f["title"]!.GetValue<string>() == "'check' is repeated within cases");
        Assert.Equal("warning", rework["severity"]!.GetValue<string>());
        Assert.Contains("2 of the 4 cases", rework["detail"]!.GetValue<string>());
        Assert.EndsWith("The top automation candidate is 'check' (score 3).", report["summary"]!.GetValue<string>());

        // A cost concentrated in one step is the first target, not a dependence to spread.
        var driver = Assert.Single(findings, f => f["title"]!.GetValue<string>() == "'check' alone accounts for 69.05% of 'cost'");
        Assert.Equal("'check' contributes 58 of the 84 total of 'cost'.", driver["detail"]!.GetValue<string>());
        Assert.Contains(report["recommendations"]!.AsArray(), r => r!["title"]!.GetValue<string>() == "Cut 'cost' in 'check' first");
        Assert.DoesNotContain(report["recommendations"]!.AsArray(), r => r!["title"]!.GetValue<string>().StartsWith("Reduce the dependence", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_name_the_fields()
    {
        var options = new Dictionary<string, string> { ["category_field"] = "case_id", ["value_field"] = "duration_min", ["duration_field"] = "cost" };

        var metrics = Report(EventLog(), options)["metrics"]!;

        Assert.Equal("case_id", metrics["pareto"]!["category_field"]!.GetValue<string>());
        Assert.Equal("duration_min", metrics["pareto"]!["value_field"]!.GetValue<string>());
        Assert.Equal("cost", metrics["automation_basis"]!["wait_field"]!.GetValue<string>());
        Assert.Equal("activity", metrics["automation_basis"]!["step_field"]!.GetValue<string>());
        Assert.Equal(42, metrics["pareto"]!["total"]!.GetValue<double>()); // 13 + 9 + 12 + 8 minutes over the four cases
    }

    [Fact]
    public void Missing_category_is_a_data_format_error_naming_category_field()
    {
        var table = Tables.Columns(("x", Tables.Numbers(1, 2, 3)), ("y", Tables.Numbers(4, 5, 6)));

        var error = Assert.Throws<DataFormatException>(() => RunAll(table));

        Assert.Contains("options.category_field", error.Message);
        Assert.DoesNotContain("options.value_field", error.Message);
    }

    [Fact]
    public void Missing_value_is_a_data_format_error_naming_value_field()
    {
        var table = Tables.Columns(("region", Tables.Texts("a", "b", "a", "b")), ("label", Tables.Texts("x", "x", "y", "y")));

        var error = Assert.Throws<DataFormatException>(() => RunAll(table));

        Assert.Contains("options.value_field", error.Message);
        Assert.DoesNotContain("options.category_field", error.Message);
    }

    [Fact]
    public void Missing_both_names_both_options()
    {
        var table = Tables.Columns(("flag", [true, false, true]));

        var error = Assert.Throws<DataFormatException>(() => RunAll(table));

        Assert.Contains("options.category_field", error.Message);
        Assert.Contains("options.value_field", error.Message);
    }

    [Theory]
    [InlineData("value_field", "store")]
    [InlineData("value_field", "nope")]
    [InlineData("category_field", "nope")]
    [InlineData("duration_field", "store")]
    [InlineData("duration_field", "nope")]
    public void Bad_options_are_data_format_errors_naming_the_option(string option, string column)
    {
        var error = Assert.Throws<DataFormatException>(() => RunAll(Sales(), new Dictionary<string, string> { [option] = column }));

        Assert.Contains($"options.{option}", error.Message);
    }

    [Fact]
    public void Negative_totals_are_excluded_and_reported()
    {
        var table = Tables.Columns(
            ("product", Tables.Texts("a", "b", "c", "a", "d")),
            ("revenue", Tables.Numbers(90, 10, -20, 5, -1)));

        var report = Report(table);
        var pareto = report["metrics"]!["pareto"]!;

        Assert.Equal(105, pareto["total"]!.GetValue<double>());
        Assert.Equal(2, pareto["excluded_categories"]!.GetValue<int>());
        Assert.Equal(-21, pareto["excluded_total"]!.GetValue<double>());
        var finding = Assert.Single(Findings(report), f => f["title"]!.GetValue<string>() == "2 'product' values have a negative net 'revenue'");
        Assert.Equal("Their net total is -21; they are left out of the ranking and its shares.", finding["detail"]!.GetValue<string>());
        ReportTexts.AssertTextNumbersAreMetrics(report);
    }

    [Fact]
    public void Single_category_and_zero_totals_still_report()
    {
        var single = Report(Tables.Columns(("product", Tables.Texts("a", "a")), ("revenue", Tables.Numbers(3, 4))));
        Assert.Contains(Findings(single), f => f["title"]!.GetValue<string>() == "Only one 'product' value carries 'revenue'");
        Assert.StartsWith("1 of 1 'product' values (100% of them) account for 100% of total 'revenue' (7).", single["summary"]!.GetValue<string>());

        var zero = Report(Tables.Columns(("product", Tables.Texts("a", "b")), ("revenue", Tables.Numbers(0, 0))));
        Assert.Equal("'revenue' has no positive total across 'product', so no Pareto ranking is possible. Top finding: 'revenue' has no positive total.", zero["summary"]!.GetValue<string>());
        Assert.Equal(0, zero["metrics"]!["pareto"]!["vital_few_count"]!.GetValue<int>());

        foreach (var report in new[] { single, zero })
        {
            ReportTexts.AssertReportShape(report);
            ReportTexts.AssertTextNumbersAreMetrics(report);
        }
    }

    [Fact]
    public void Even_spread_is_reported_as_such()
    {
        var table = Tables.Columns(("team", Tables.Texts("a", "b", "c", "d", "e")), ("hours", Tables.Numbers(20, 20, 20, 20, 20)));

        var report = Report(table);

        var finding = Assert.Single(Findings(report), f => f["title"]!.GetValue<string>() == "'hours' is spread widely across 'team'");
        Assert.Equal(
            "It takes 4 of 5 'team' values (80% of them) to reach 80% of 'hours'; the top fifth (1) hold 20%.",
            finding["detail"]!.GetValue<string>());
    }

    [Fact]
    public void Every_number_in_report_text_appears_in_metrics()
    {
        foreach (var table in new[] { Sales(), EventLog() })
        {
            var report = Report(table);
            ReportTexts.AssertReportShape(report);
            var quoted = ReportTexts.AssertTextNumbersAreMetrics(report);
            Assert.NotEmpty(quoted);
        }
    }

    [Fact]
    public void Kpis_and_pareto_chart_come_from_metrics()
    {
        var report = Report(Sales());
        var kpis = report["kpis"]!.AsArray().ToDictionary(k => k!["name"]!.GetValue<string>(), k => k!);
        var pareto = report["metrics"]!["pareto"]!;

        Assert.Equal(["total", "categories", "vital_few_count", "vital_few_share_pct", "top_20pct_share_pct"], kpis.Keys);
        Assert.Equal(1000, kpis["total"]["value"]!.GetValue<double>());
        Assert.Equal("revenue", kpis["total"]["unit"]!.GetValue<string>());
        Assert.Equal(20, kpis["vital_few_share_pct"]["value"]!.GetValue<double>());

        var chart = Assert.Single(report["charts"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "pareto")!;
        Assert.Equal(10, chart["bars"]!.AsArray().Count);
        Assert.Equal(pareto["items"]![1]!["value"]!.GetValue<double>(), chart["bars"]![1]!["value"]!.GetValue<double>());
        Assert.Equal(pareto["items"]![1]!["cumulative_pct"]!.GetValue<double>(), chart["line"]![1]!["value"]!.GetValue<double>());
        Assert.Equal(80, chart["threshold_pct"]!.GetValue<double>());
    }

    [Fact]
    public void Resumed_job_gives_the_same_report_from_checkpointed_outputs()
    {
        var table = EventLog();
        var fresh = RunAll(table);
        var restored = fresh.Where(p => p.Key != "report").ToDictionary(p => p.Key, p => JsonNode.Parse(p.Value.ToJsonString())!);
        var input = new AnalysisInput(Analysis.Type, table, null, new Dictionary<string, string>());

        foreach (var step in Analysis.Steps.Skip(2).Take(3))
        {
            Assert.Equal(fresh[step.Name].ToJsonString(), step.Run(input, restored, CancellationToken.None).ToJsonString());
        }
        var report = new ReviewReportStep().Run(input, restored, CancellationToken.None);
        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Report_uses_earlier_outputs_not_the_table()
    {
        var fresh = RunAll(Sales());
        var previous = fresh.Where(p => p.Key != "report").ToDictionary();
        var other = new AnalysisInput(Analysis.Type, EventLog(), null, new Dictionary<string, string>());

        Assert.Equal(fresh["report"].ToJsonString(), new ReviewReportStep().Run(other, previous, CancellationToken.None).ToJsonString());
    }

    [Fact]
    public void Steps_without_their_inputs_are_errors()
    {
        var input = new AnalysisInput(Analysis.Type, Sales(), null, new Dictionary<string, string>());

        // The exception type belongs to the shared step plumbing; the message must name the missing step.
        var error = Assert.ThrowsAny<Exception>(() => new ParetoStep().Run(input, new Dictionary<string, JsonNode>(), CancellationToken.None));

        Assert.Contains("'roles'", error.Message);
    }
}
