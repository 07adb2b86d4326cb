using System.Text.Json.Nodes;
using Actors.Reports;

namespace Actors.Analytics.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Opens_with_the_type_in_words_the_job_and_the_summary()
    {
        var report = ReportFixtures.DataInterpretation();
        var lines = MarkdownReport.Render(report).Split('\n');

        Assert.Equal($"# Data interpretation — {ReportFixtures.JobId}", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal(report["summary"]!.GetValue<string>(), lines[2]);
    }

    [Fact]
    public void Lists_every_kpi_in_a_table()
    {
        var md = MarkdownReport.Render(ReportFixtures.DataInterpretation());

        Assert.Contains("| Figure | Value | Unit |", md, StringComparison.Ordinal);
        Assert.Contains("| Rows | 30 | rows |", md, StringComparison.Ordinal);
        Assert.Contains("| Columns | 7 | columns |", md, StringComparison.Ordinal);
        Assert.Contains("| Complete row share | 26.67 | % |", md, StringComparison.Ordinal);
        Assert.Contains("| Numeric columns | 5 | columns |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_findings_by_severity_critical_first_with_detail_and_evidence()
    {
        var report = ReportFixtures.DataInterpretation();
        var md = MarkdownReport.Render(report);

        var critical = md.IndexOf("### Critical (1)", StringComparison.Ordinal);
        var warning = md.IndexOf("### Warning (7)", StringComparison.Ordinal);
        var info = md.IndexOf("### Info (1)", StringComparison.Ordinal);
        Assert.True(critical > 0 && critical < warning && warning < info, md);
        foreach (var finding in report["findings"]!.AsArray().Select(f => f!.AsObject()))
        {
            var title = Escaped(finding["title"]!.GetValue<string>());
            var at = md.IndexOf($"- **{title}** — {Escaped(finding["detail"]!.GetValue<string>())}\n", StringComparison.Ordinal);
            Assert.True(at >= 0, $"missing finding {title}");
            var section = finding["severity"]!.GetValue<string>() switch
            {
                "critical" => critical,
                "warning" => warning,
                _ => info,
            };
            Assert.True(at > section, $"{title} is under {finding["severity"]}");
        }
        Assert.Contains(
            "  - Evidence: metric: outliers, column: amount, count: 1, lower_fence: 7.0475, upper_fence: 17.0275, examples: \\[{row: 11, value: 5000}\\]\n",
            md,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_recommendations_with_impact_and_effort()
    {
        var md = MarkdownReport.Render(ReportFixtures.DataInterpretation());

        Assert.Contains("- **Drop 'country' from analyses** (impact: low, effort: low) — A constant column", md, StringComparison.Ordinal);
        Assert.Contains("- **Repair or drop 'notes|pipe'** (impact: high, effort: medium)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarises_metrics_as_tables_and_escapes_pipes_and_markup_in_cells()
    {
        var md = MarkdownReport.Render(ReportFixtures.DataInterpretation());

        Assert.Contains("## Metrics\n\n| Metric | Value |\n| --- | --- |\n| rows | 30 |\n", md, StringComparison.Ordinal);
        Assert.Contains("### Columns\n\n| column | type | missing | missing_pct | distinct | mean |", md, StringComparison.Ordinal);
        Assert.Contains("| notes\\|pipe | categorical | 22 | 73.33 | 8 |", md, StringComparison.Ordinal);
        Assert.Contains("| \\<script\\>alert(1)\\</script\\> | numeric |", md, StringComparison.Ordinal);
        Assert.Contains("### Correlations\n\n| a | b | pearson | n | spearman |", md, StringComparison.Ordinal);
        Assert.Contains("### Outliers\n\n| column | count | robust_z_count | lower_fence | upper_fence | examples |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);

        // Every table row has as many cell separators as its header: escaped pipes do not split cells.
        foreach (var table in Tables(md))
        {
            var separators = table.Select(row => row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|')).Distinct();
            Assert.Single(separators);
        }
    }

    [Fact]
    public void Caps_long_metric_tables_at_50_rows_and_says_how_many_more()
    {
        var series = new JsonObject();
        for (var i = 0; i < 120; i++)
        {
            series[$"s{i}"] = new JsonObject { ["n"] = i, ["slope_per_period"] = i * 0.5, ["anomalies"] = new JsonArray([.. Enumerable.Range(0, 40).Select(j => (JsonNode)j)]) };
        }
        var activities = new JsonArray([.. Enumerable.Range(0, 60).Select(i => (JsonNode)new JsonObject { ["activity"] = $"a{i}", ["count"] = i })]);
        var report = new JsonObject { ["metrics"] = new JsonObject { ["series"] = series, ["activities"] = activities, ["values"] = new JsonArray(1, 2, 3) } };

        var md = MarkdownReport.Render(report);

        Assert.Contains("### Series\n\n| series | n | slope_per_period | anomalies |", md, StringComparison.Ordinal);
        Assert.Contains("| s49 | 49 | 24.5 | \\[0, 1, 2, 3, 4, … 35 more\\] |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("| s50 |", md, StringComparison.Ordinal);
        Assert.Contains("… 70 more rows", md, StringComparison.Ordinal);
        Assert.Contains("### Activities\n\n| activity | count |", md, StringComparison.Ordinal);
        Assert.Contains("… 10 more rows", md, StringComparison.Ordinal);
        Assert.Contains("### Values\n\n| value |\n| --- |\n| 1 |\n| 2 |\n| 3 |\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Ends_with_provenance_and_usage()
    {
        var md = MarkdownReport.Render(ReportFixtures.DataInterpretation());

        Assert.EndsWith(
            "## Provenance\n"
            + "\n"
            + "- Engine: statistical\n"
            + "- Attempts: 1\n"
            + "- Team: {name: data_interpretation, strategy: parallel, manager: null}\n"
            + "- Steps: profile (tool: profile, agents: \\[data_interpreter\\], skipped: false, review_rounds: 0, re…) → correlate (tool: correlate, agents: \\[data_interpreter\\], skipped: false, review_rounds: 0, …) → outliers (tool: outliers, agents: \\[data_interpreter\\], skipped: false, review_rounds: 0, r…) → report (tool: report, agents: \\[report_writer\\], skipped: false, review_rounds: 0, review…)\n"
            + "- Narrative: {agent: null, engine: statistical, tiers: null}\n"
            + "- Tools: \\[profile, correlate, outliers, report\\]\n"
            + "\n"
            + "## Usage\n"
            + "\n"
            + "- Input tokens: 0\n"
            + "- Output tokens: 0\n"
            + "- Cost (USD): 0\n"
            + "- Calls: \\[\\]\n",
            md,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_hostile_text_outside_tables()
    {
        var md = MarkdownReport.Render(ReportFixtures.WithCharts());

        Assert.Contains("- **\\<script\\>alert('finding')\\</script\\> & friends** — x \\< y && y \\> z\n  - Evidence: column: \\<b\\>bold\\</b\\>, value: 3\n", md, StringComparison.Ordinal);
        var summary = new JsonObject { ["summary"] = "# not a heading\nsecond *line*" };
        Assert.Contains("\n\\# not a heading second \\*line\\*\n", MarkdownReport.Render(summary), StringComparison.Ordinal);
        Assert.Contains("\n2024\\. was a good year\n", MarkdownReport.Render(new JsonObject { ["summary"] = "2024. was a good year" }), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_report_renders_a_title_only()
    {
        Assert.Equal("# Analysis report\n", MarkdownReport.Render([]));
    }

    /// <summary>The escaping the renderer applies to inline text.</summary>
    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is '\\' or '`' or '*' or '[' or ']' or '<' or '>' ? $"\\{c}" : c.ToString()));

    private static IEnumerable<string[]> Tables(string md)
    {
        var table = new List<string>();
        foreach (var line in md.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                table.Add(line);
            }
            else if (table.Count > 0)
            {
                yield return [.. table];
                table.Clear();
            }
        }
    }
}
