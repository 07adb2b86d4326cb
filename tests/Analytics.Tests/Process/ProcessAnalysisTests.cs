using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Analyses;
using Actors.Analyses.Process;

namespace Actors.Analytics.Tests.Process;

public sealed partial class ProcessAnalysisTests
{
    private static readonly ProcessAnalysis Analysis = new();

    private static AnalysisInput Input(DataTable table, Dictionary<string, string>? options = null) =>
        new(ProcessAnalysis.AnalysisType, table, null, options ?? []);

    /// <summary>Runs the steps in order, feeding each the earlier outputs by name, as the job does.</summary>
    private static Dictionary<string, JsonNode> RunAll(DataTable table, Dictionary<string, string>? options = null)
    {
        var outputs = new Dictionary<string, JsonNode>();
        foreach (var step in Analysis.Steps)
        {
            outputs[step.Name] = step.Run(Input(table, options), outputs, CancellationToken.None);
        }
        return outputs;
    }

    private static JsonObject Report(DataTable table, Dictionary<string, string>? options = null) =>
        RunAll(table, options)["report"].AsObject();

    private static JsonNode Metrics(JsonObject report) => report["metrics"]!;

    private static List<JsonObject> Findings(JsonObject report) =>
        [.. report["findings"]!.AsArray().Select(f => f!.AsObject())];

    private static JsonObject Finding(JsonObject report, string metric) =>
        Assert.Single(Findings(report), f => f["evidence"]!["metric"]!.GetValue<string>() == metric);

    private static IEnumerable<double> NumbersIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => NumbersIn(p.Value)),
        JsonArray a => a.SelectMany(NumbersIn),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)],
        _ => [],
    };

    /// <summary>Numbers in report text, ignoring quoted names (activities and paths may contain digits).</summary>
    private static IEnumerable<double> NumbersIn(string text) =>
        NumberPattern().Matches(QuotedPattern().Replace(text, "")).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    private static List<string> Texts(JsonObject report)
    {
        var texts = new List<string> { report["summary"]!.GetValue<string>() };
        texts.AddRange(Findings(report).SelectMany(f => new[] { f["title"]!.GetValue<string>(), f["detail"]!.GetValue<string>() }));
        texts.AddRange(report["recommendations"]!.AsArray().SelectMany(r => new[] { r!["title"]!.GetValue<string>(), r["detail"]!.GetValue<string>() }));
        return texts;
    }

    private static void AssertTextNumbersAreMetrics(JsonObject report)
    {
        var metricNumbers = NumbersIn(Metrics(report)).ToList();
        foreach (var number in Texts(report).SelectMany(NumbersIn))
        {
            Assert.True(metricNumbers.Contains(number), $"{number} is not in metrics");
        }
    }

    /// <summary>Compares JSON structurally: the serializer escapes '>' in paths.</summary>
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");

    [Fact]
    public void Declares_its_type_and_steps_in_order()
    {
        Assert.Equal("process_analysis", Analysis.Type);
        Assert.Equal(["profile", "roles", "mine", "report"], Analysis.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Roles_are_detected_from_names_and_types()
    {
        var roles = RunAll(EventLogs.OfficeIso())["roles"];

        Assert.Equal(
            """{"case_field":"case_id","activity_field":"activity","time_field":"timestamp","end_time_field":null,"resource_field":"resource"}""",
            roles.ToJsonString());
    }

    [Fact]
    public void Explicit_field_options_override_detection()
    {
        var table = new DataTable(
            ["case_id", "ticket", "activity", "step", "timestamp", "logged", "end", "agent"],
            Enumerable.Range(0, 12).Select(i => (IReadOnlyList<Cell>)[
                $"c{i % 3}", $"t{i % 4}", $"a{i % 2}", $"s{i % 5}",
                $"2024-01-01T0{i % 10}:00:00Z", $"2024-02-01T0{i % 10}:30:00Z", $"2024-03-01T0{i % 10}:00:00Z", $"p{i % 2}"]));

        var detected = RunAll(table)["roles"];
        var named = RunAll(table, new()
        {
            ["case_field"] = "ticket",
            ["activity_field"] = "step",
            ["time_field"] = "logged",
            ["end_time_field"] = "end",
            ["resource_field"] = "agent",
        });

        Assert.Equal(
            """{"case_field":"case_id","activity_field":"activity","time_field":"timestamp","end_time_field":"end","resource_field":"agent"}""",
            detected.ToJsonString());
        Assert.Equal(
            """{"case_field":"ticket","activity_field":"step","time_field":"logged","end_time_field":"end","resource_field":"agent"}""",
            named["roles"].ToJsonString());
        var metrics = Metrics(named["report"].AsObject());
        Assert.Equal("ticket", metrics["case_field"]!.GetValue<string>());
        Assert.Equal(4, metrics["cases"]!.GetValue<int>());
        Assert.Equal(["s0", "s1", "s2", "s3", "s4"], metrics["activities"]!.AsObject().Select(a => a.Key));
    }

    [Fact]
    public void Missing_roles_name_the_options_to_set()
    {
        var table = new DataTable(["x", "y", "z"], [["a", "b", 1], ["a", "c", 2]]);

        var error = Assert.Throws<DataFormatException>(() => RunAll(table));

        Assert.Contains("options.case_field", error.Message);
        Assert.Contains("options.activity_field", error.Message);
        Assert.Contains("options.time_field", error.Message);
        Assert.Contains("Columns: x, y, z", error.Message);
    }

    [Fact]
    public void Only_the_missing_roles_are_named()
    {
        var table = new DataTable(["x", "activity", "timestamp"], [["a", "b", 1], ["a", "c", 2]]);

        var error = Assert.Throws<DataFormatException>(() => RunAll(table));

        Assert.Contains("options.case_field", error.Message);
        Assert.DoesNotContain("options.activity_field", error.Message);
        Assert.DoesNotContain("options.time_field", error.Message);
        Assert.Equal("x", RunAll(table, new() { ["case_field"] = "x" })["roles"]["case_field"]!.GetValue<string>());
    }

    [Fact]
    public void A_named_field_that_is_not_a_column_is_a_data_error()
    {
        var error = Assert.Throws<DataFormatException>(() => RunAll(EventLogs.OfficeIso(), new() { ["activity_field"] = "nope" }));

        Assert.Contains("options.activity_field", error.Message);
        Assert.Contains("'nope'", error.Message);
    }

    [Fact]
    public void Two_roles_cannot_share_a_column()
    {
        var error = Assert.Throws<DataFormatException>(() => RunAll(EventLogs.OfficeIso(), new() { ["activity_field"] = "case_id" }));

        Assert.Contains("'case_id'", error.Message);
        Assert.Contains("options.case_field", error.Message);
    }

    [Fact]
    public void A_log_with_no_usable_row_is_a_data_error()
    {
        var table = new DataTable(["case_id", "activity", "when"], [["a", "x", "soon"], ["a", "y", "later"]]);

        var error = Assert.Throws<DataFormatException>(() => RunAll(table, new() { ["time_field"] = "when" }));

        Assert.Contains("'when'", error.Message);
        Assert.Contains("options.time_field", error.Message);
    }

    [Fact]
    public void Metrics_hold_the_hand_checked_answers()
    {
        var metrics = Metrics(Report(EventLogs.OfficeIso()));

        Assert.Equal("case_id", metrics["case_field"]!.GetValue<string>());
        Assert.Equal("activity", metrics["activity_field"]!.GetValue<string>());
        Assert.Equal("timestamp", metrics["time_field"]!.GetValue<string>());
        Assert.Equal("datetime", metrics["time_kind"]!.GetValue<string>());
        Assert.Equal(EventLogs.OfficeCases, metrics["cases"]!.GetValue<int>());
        Assert.Equal(EventLogs.OfficeEvents, metrics["events"]!.GetValue<int>());
        Assert.Equal(EventLogs.OfficeSkipped, metrics["rows_skipped"]!.GetValue<int>());
        Assert.Equal(5, metrics["activity_count"]!.GetValue<int>());
        var activities = metrics["activities"]!.AsObject();
        Assert.Equal(["Approve", "Check", "Pay", "Register", "Reject"], activities.Select(a => a.Key));
        Assert.Equal(["count", "cases", "rework_cases", "mean_wait_s", "total_wait_s"], activities["Check"]!.AsObject().Select(p => p.Key));
        Assert.Equal(3, activities["Approve"]!["count"]!.GetValue<int>());
        Assert.Equal(EventLogs.ApproveMeanWait, activities["Approve"]!["mean_wait_s"]!.GetValue<double>());
        Assert.Equal(EventLogs.CheckMeanWait, activities["Check"]!["mean_wait_s"]!.GetValue<double>());
        Assert.Equal(EventLogs.PayMeanWait, activities["Pay"]!["mean_wait_s"]!.GetValue<double>());
        Assert.Equal(EventLogs.RejectMeanWait, activities["Reject"]!["mean_wait_s"]!.GetValue<double>());
        Assert.True(activities["Register"]!.AsObject().ContainsKey("mean_wait_s"));
        Assert.Null(activities["Register"]!["mean_wait_s"]);
        Assert.Equal(1, activities["Check"]!["rework_cases"]!.GetValue<int>());
        Assert.Equal("Approve", metrics["bottleneck_activity"]!.GetValue<string>());
        Assert.Equal(8400, metrics["bottleneck_mean_wait_s"]!.GetValue<double>());
        Assert.Equal(2.33, metrics["bottleneck_mean_wait_h"]!.GetValue<double>());
        Assert.Equal(EventLogs.MeanCycleTime, metrics["mean_cycle_time_s"]!.GetValue<double>());
        Assert.Equal(EventLogs.MedianCycleTime, metrics["median_cycle_time_s"]!.GetValue<double>());
        Assert.Equal(EventLogs.MaxCycleTime, metrics["max_cycle_time_s"]!.GetValue<double>());
        Assert.Equal(2.54, metrics["mean_cycle_time_h"]!.GetValue<double>());
        Assert.Equal(2.17, metrics["median_cycle_time_h"]!.GetValue<double>());
        Assert.Equal(5.75, metrics["max_cycle_time_h"]!.GetValue<double>());
        Assert.Equal(1, metrics["long_cycle_cases"]!.GetValue<int>());
        Assert.Equal(25.0, metrics["long_cycle_case_pct"]!.GetValue<double>());
        Assert.Equal(1, metrics["rework_cases"]!.GetValue<int>());
        Assert.Equal(25.0, metrics["rework_case_pct"]!.GetValue<double>());
        Assert.Equal("""{"Check":1}""", metrics["rework_activities"]!.ToJsonString());
        Assert.Equal(3, metrics["variant_count"]!.GetValue<int>());
        Assert.Equal(50.0, metrics["top_variant_share_pct"]!.GetValue<double>());
        AssertJson(
            $$"""[{"path":"{{EventLogs.HappyPath}}","cases":2},{"path":"{{EventLogs.ReworkPath}}","cases":1},{"path":"{{EventLogs.RejectPath}}","cases":1}]""",
            metrics["variants"]);
        Assert.Equal(
            """{"ann":{"events":7,"mean_wait_s":2000},"bob":{"events":5,"mean_wait_s":1080},"cat":{"events":3,"mean_wait_s":8400}}""",
            metrics["resources"]!.ToJsonString());
        Assert.False(metrics.AsObject().ContainsKey("end_times_ignored"));
    }

    [Fact]
    public void Report_metrics_are_the_roles_then_the_mine_output()
    {
        var outputs = RunAll(EventLogs.OfficeIso());
        var expected = new JsonObject();
        foreach (var (key, value) in outputs["roles"].AsObject().Concat(outputs["mine"].AsObject()))
        {
            expected[key] = value?.DeepClone();
        }

        Assert.Equal(expected.ToJsonString(), outputs["report"]["metrics"]!.ToJsonString());
    }

    [Fact]
    public void Numeric_seconds_report_the_same_metrics_as_datetimes()
    {
        var iso = Metrics(Report(EventLogs.OfficeIso())).AsObject();
        var seconds = Metrics(Report(EventLogs.OfficeSecondsText())).AsObject();

        Assert.Equal("seconds", seconds["time_kind"]!.GetValue<string>());
        Assert.Equal(
            iso.Where(p => p.Key != "time_kind").Select(p => (p.Key, p.Value?.ToJsonString())),
            seconds.Where(p => p.Key != "time_kind").Select(p => (p.Key, p.Value?.ToJsonString())));
    }

    [Fact]
    public void Findings_quote_the_hand_checked_figures()
    {
        var report = Report(EventLogs.OfficeIso());

        var bottleneck = Finding(report, "bottleneck_activity");
        Assert.Equal("warning", bottleneck["severity"]!.GetValue<string>());
        Assert.Equal("'Approve' is the bottleneck", bottleneck["title"]!.GetValue<string>());
        Assert.Contains("8400 s (2.33 h)", bottleneck["detail"]!.GetValue<string>());
        Assert.Contains("3 times", bottleneck["detail"]!.GetValue<string>());

        var rework = Finding(report, "rework_cases");
        Assert.Equal("warning", rework["severity"]!.GetValue<string>());
        Assert.Contains("1 of 4 cases (25%)", rework["detail"]!.GetValue<string>());
        Assert.Contains("'Check'", rework["detail"]!.GetValue<string>());

        var slow = Finding(report, "long_cycle_cases");
        Assert.Equal("warning", slow["severity"]!.GetValue<string>());
        Assert.Contains("1 of 4 cases (25%)", slow["detail"]!.GetValue<string>());
        Assert.Contains("7800 s (2.17 h)", slow["detail"]!.GetValue<string>());
        Assert.Contains("20700 s (5.75 h)", slow["detail"]!.GetValue<string>());

        var variant = Finding(report, "variants");
        Assert.Equal("info", variant["severity"]!.GetValue<string>());
        Assert.Contains($"'{EventLogs.HappyPath}' is followed by 2 of 4 cases (50%)", variant["detail"]!.GetValue<string>());
        Assert.Contains("3 distinct paths", variant["detail"]!.GetValue<string>());
    }

    [Fact]
    public void Findings_are_ordered_by_severity_and_lead_the_summary()
    {
        var report = Report(EventLogs.OfficeIso());
        var findings = Findings(report);
        int Rank(JsonObject f) => f["severity"]!.GetValue<string>() switch { "critical" => 2, "warning" => 1, _ => 0 };

        Assert.Equal(findings.Select(Rank).OrderByDescending(r => r), findings.Select(Rank));
        Assert.Equal(
            ["bottleneck_activity", "rework_cases", "long_cycle_cases", "variants"],
            findings.Select(f => f["evidence"]!["metric"]!.GetValue<string>()));
        var summary = report["summary"]!.GetValue<string>();
        Assert.StartsWith("The log has 4 cases with 15 events over 5 activities (3 rows without a case, activity or time skipped)", summary);
        Assert.Contains("9150 s (2.54 h) on average and 7800 s (2.17 h) at the median", summary);
        Assert.EndsWith("Top finding: 'Approve' is the bottleneck.", summary);
    }

    [Fact]
    public void Every_number_in_report_text_appears_in_metrics()
    {
        var report = Report(EventLogs.OfficeIso());

        Assert.NotEmpty(Texts(report).SelectMany(NumbersIn));
        AssertTextNumbersAreMetrics(report);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(99)]
    public void Every_number_in_text_appears_in_metrics_for_random_logs(int seed)
    {
        var random = new Random(seed);
        string[] names = ["Open", "Triage", "Work", "Wait", "Done"];
        var rows = new List<(string, string, double)>();
        for (var c = 0; c < 60; c++)
        {
            var time = 0.0;
            for (var e = 0; e < random.Next(1, 7); e++)
            {
                // Fractional seconds, so rounding to two decimals is exercised.
                time += Math.Round(random.NextDouble() * random.Next(1, 100_000), 3);
                rows.Add(($"k{c}", names[random.Next(names.Length)], time));
            }
        }

        var report = Report(EventLogs.Seconds([.. rows]));

        AssertTextNumbersAreMetrics(report);
        Assert.All(
            NumbersIn(Metrics(report)),
            n => Assert.Equal(Math.Round(n, 2, MidpointRounding.AwayFromZero), n));
    }

    [Fact]
    public void Evidence_carries_the_exact_metric_values()
    {
        var report = Report(EventLogs.OfficeIso());
        var metrics = Metrics(report);

        foreach (var finding in Findings(report))
        {
            var evidence = finding["evidence"]!.AsObject();
            var keys = evidence.Where(p => p.Key is "bottleneck_mean_wait_s" or "bottleneck_mean_wait_h" or "rework_cases" or "rework_case_pct"
                or "long_cycle_cases" or "long_cycle_case_pct" or "median_cycle_time_s" or "max_cycle_time_s" or "top_variant_share_pct" or "variant_count");
            foreach (var (key, value) in keys)
            {
                Assert.True(JsonNode.DeepEquals(metrics[key], value), $"{key} differs");
            }
        }
        Assert.Equal(3, Finding(report, "bottleneck_activity")["evidence"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public void Recommendations_follow_the_findings()
    {
        var report = Report(EventLogs.OfficeIso());
        var recommendations = report["recommendations"]!.AsArray();

        Assert.Equal(Findings(report).Count, recommendations.Count);
        Assert.All(recommendations, r =>
        {
            Assert.Contains(r!["impact"]!.GetValue<string>(), new[] { "high", "medium", "low" });
            Assert.Contains(r["effort"]!.GetValue<string>(), new[] { "high", "medium", "low" });
            Assert.False(string.IsNullOrWhiteSpace(r["detail"]!.GetValue<string>()));
        });
        Assert.Equal("Cut the wait before 'Approve'", recommendations[0]!["title"]!.GetValue<string>());
        Assert.Contains(recommendations, r => r!["title"]!.GetValue<string>() == "Reduce rework on 'Check'");
    }

    [Fact]
    public void Kpis_copy_metric_values()
    {
        var report = Report(EventLogs.OfficeIso());
        var kpis = report["kpis"]!.AsArray().ToDictionary(k => k!["name"]!.GetValue<string>(), k => k!);

        Assert.Equal(["cases", "events", "mean_cycle_time", "median_cycle_time", "rework_case_share", "variants"], kpis.Keys);
        Assert.Equal(4, kpis["cases"]["value"]!.GetValue<int>());
        Assert.Equal(2.54, kpis["mean_cycle_time"]["value"]!.GetValue<double>());
        Assert.Equal("h", kpis["mean_cycle_time"]["unit"]!.GetValue<string>());
        Assert.Equal(25.0, kpis["rework_case_share"]["value"]!.GetValue<double>());
        Assert.Equal(3, kpis["variants"]["value"]!.GetValue<int>());
    }

    [Fact]
    public void Charts_show_waits_per_activity_and_cases_per_variant()
    {
        var charts = Report(EventLogs.OfficeIso())["charts"]!.AsArray();

        Assert.Equal(2, charts.Count);
        Assert.Equal(
            """{"kind":"bar","title":"Mean waiting time per activity","unit":"s","bars":[{"label":"Approve","value":8400},{"label":"Pay","value":2000},{"label":"Check","value":1275},{"label":"Reject","value":300}]}""",
            charts[0]!.ToJsonString());
        Assert.Equal("Cases per variant", charts[1]!["title"]!.GetValue<string>());
        Assert.Equal(
            [(EventLogs.HappyPath, 2), (EventLogs.ReworkPath, 1), (EventLogs.RejectPath, 1)],
            charts[1]!["bars"]!.AsArray().Select(b => (b!["label"]!.GetValue<string>(), b["value"]!.GetValue<int>())));
    }

    [Fact]
    public void End_times_add_duration_and_idle_metrics()
    {
        var table = new DataTable(
            ["case_id", "activity", "timestamp", "end"],
            [
                ["1", "a", 0, 100], ["1", "b", 150, 200], ["1", "c", 180, 300],
                ["2", "a", 0, 50], ["2", "b", 500, Cell.Missing], ["2", "c", 600, 550],
            ]);

        var metrics = Metrics(Report(table));

        Assert.Equal("end", metrics["end_time_field"]!.GetValue<string>());
        Assert.Equal(1, metrics["end_times_ignored"]!.GetValue<int>());
        Assert.Equal(
            """{"count":2,"cases":2,"rework_cases":0,"mean_wait_s":325,"total_wait_s":650,"mean_duration_s":50,"mean_idle_s":250}""",
            metrics["activities"]!["b"]!.ToJsonString());
        Assert.Null(metrics["activities"]!["a"]!["mean_idle_s"]);
    }

    [Fact]
    public void Stored_values_are_rounded_to_two_decimals()
    {
        // Waits for b: 10, 10, 11 → 31 / 3 = 10.333…
        var metrics = Metrics(Report(EventLogs.Seconds(
            ("1", "a", 0), ("1", "b", 10),
            ("2", "a", 0), ("2", "b", 10),
            ("3", "a", 0), ("3", "b", 11))));

        Assert.Equal(10.33, metrics["activities"]!["b"]!["mean_wait_s"]!.GetValue<double>());
        Assert.Equal(10.33, metrics["mean_cycle_time_s"]!.GetValue<double>());
        Assert.Equal(0, metrics["bottleneck_mean_wait_h"]!.GetValue<double>());
    }

    [Fact]
    public void Variants_are_capped_but_counted()
    {
        var rows = Enumerable.Range(0, 30).SelectMany(c => new[] { ($"c{c}", "start", 0.0), ($"c{c}", $"step{c:00}", 1.0) }).ToArray();

        var report = Report(EventLogs.Seconds(rows));
        var metrics = Metrics(report);

        Assert.Equal(30, metrics["variant_count"]!.GetValue<int>());
        Assert.Equal(20, metrics["variants"]!.AsArray().Count);
        Assert.Equal("start > step00", metrics["variants"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(10, report["charts"]![1]!["bars"]!.AsArray().Count);
        var variant = Finding(report, "variants");
        Assert.Equal("warning", variant["severity"]!.GetValue<string>());
        Assert.Equal("The process has no standard path", variant["title"]!.GetValue<string>());
        AssertTextNumbersAreMetrics(report);
    }

    [Fact]
    public void Rework_in_half_the_cases_is_critical()
    {
        var report = Report(EventLogs.Seconds(
            ("1", "a", 0), ("1", "a", 10),
            ("2", "a", 0), ("2", "b", 10)));

        Assert.Equal("critical", Finding(report, "rework_cases")["severity"]!.GetValue<string>());
        Assert.Equal("critical", Findings(report)[0]["severity"]!.GetValue<string>());
    }

    [Fact]
    public void A_quiet_log_has_no_findings()
    {
        var report = Report(new DataTable(["case_id", "activity", "timestamp"], [["only", "a", 5], [Cell.Missing, "a", 6]]));

        Assert.Empty(Findings(report));
        Assert.Empty(report["recommendations"]!.AsArray());
        Assert.Null(Metrics(report)["bottleneck_activity"]);
        Assert.Equal(
            "The log has 1 case with 1 event over 1 activity (1 row without a case, activity or time skipped); a case takes 0 s on average and 0 s at the median. "
                + "No bottleneck, rework or unusual cycle times stood out.",
            report["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Resumed_job_gives_the_same_report_from_checkpointed_outputs()
    {
        var table = EventLogs.OfficeIso();
        var fresh = RunAll(table);
        // A resumed job sees each earlier output parsed back from its stored JSON.
        var restored = fresh.Where(p => p.Key != "report").ToDictionary(p => p.Key, p => JsonNode.Parse(p.Value.ToJsonString())!);

        var mine = new MineStep().Run(Input(table), restored, CancellationToken.None);
        var report = new ProcessReportStep().Run(Input(table), restored, CancellationToken.None);

        Assert.Equal(fresh["mine"].ToJsonString(), mine.ToJsonString());
        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Report_uses_earlier_outputs_not_the_table()
    {
        var fresh = RunAll(EventLogs.OfficeIso());
        var previous = fresh.Where(p => p.Key != "report").ToDictionary();

        var report = new ProcessReportStep().Run(Input(EventLogs.Seconds(("x", "y", 1))), previous, CancellationToken.None);

        Assert.Equal(fresh["report"].ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Steps_without_earlier_outputs_are_an_error()
    {
        var none = new Dictionary<string, JsonNode>();

        Assert.Contains("'roles'", Assert.Throws<Actors.Teams.TeamDefinitionException>(() => new ProcessReportStep().Run(Input(EventLogs.OfficeIso()), none, CancellationToken.None)).Message);
        Assert.Contains("'roles'", Assert.Throws<Actors.Teams.TeamDefinitionException>(() => new MineStep().Run(Input(EventLogs.OfficeIso()), none, CancellationToken.None)).Message);
        Assert.Contains("'profile'", Assert.Throws<Actors.Teams.TeamDefinitionException>(() => new RolesStep().Run(Input(EventLogs.OfficeIso()), none, CancellationToken.None)).Message);
    }

    [Fact]
    public void Steps_are_deterministic()
    {
        var first = RunAll(EventLogs.OfficeIso());
        var second = RunAll(EventLogs.OfficeIso());

        Assert.All(first, p => Assert.Equal(p.Value.ToJsonString(), second[p.Key].ToJsonString()));
    }

    [Fact]
    public void Steps_end_to_end_from_csv()
    {
        var csv = "case_id,activity,timestamp\n"
            + "o1,Order,2024-05-01T10:00:00Z\n"
            + "o1,Ship,2024-05-01T12:00:00Z\n"
            + "o2,Ship,2024-05-02T15:00:00Z\n"
            + "o2,Order,2024-05-02T09:00:00Z\n";

        var metrics = Metrics(Report(TableReader.FromCsv(csv)));

        Assert.Equal(2, metrics["cases"]!.GetValue<int>());
        Assert.Equal(14400, metrics["activities"]!["Ship"]!["mean_wait_s"]!.GetValue<double>()); // (2 h + 6 h) / 2
        AssertJson("""[{"path":"Order > Ship","cases":2}]""", metrics["variants"]);
    }
}
