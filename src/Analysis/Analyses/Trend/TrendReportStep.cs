using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Trend;

/// <summary>
/// Writes the report body from the <c>trend</c> step's output only (never the table), so a job
/// resumed from checkpoints reports exactly what the checkpointed metrics say. Metrics are that
/// output minus the plotted lines, which go into one line chart per series.
/// </summary>
public sealed class TrendReportStep : IAnalysisStep
{
    public const string StepName = "report";

    /// <summary>Line charts are drawn for the first few series only, to keep the report small.</summary>
    public const int MaxCharts = 10;

    /// <summary>Series described in the summary and KPIs; the rest are in findings and metrics.</summary>
    public const int MaxSummarised = 3;

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        var trendJson = JsonValues.Object(StepOutputs.Require(previous, TrendStep.StepName, StepName), "trend");
        cancellationToken.ThrowIfCancellationRequested();

        var series = TrendJson.ReadSeries(trendJson);
        var findings = TrendFindings.Evaluate(series);
        var timeField = JsonValues.String(trendJson["time_field"], "trend.time_field");
        var rowsSkipped = JsonValues.Int(trendJson["rows_skipped"], "trend.rows_skipped");

        return new JsonObject
        {
            ["summary"] = Summary(timeField, rowsSkipped, series, findings),
            ["kpis"] = Kpis(rowsSkipped, series),
            ["findings"] = ReportParts.Findings(findings),
            ["recommendations"] = ReportParts.Recommendations(findings),
            ["metrics"] = new JsonObject
            {
                ["time_field"] = timeField,
                ["value_fields"] = trendJson["value_fields"]!.DeepClone(),
                ["rows_skipped"] = rowsSkipped,
                ["horizon"] = trendJson["horizon"]!.DeepClone(),
                ["series"] = trendJson["series"]!.DeepClone(),
            },
            ["charts"] = Charts(trendJson),
        };
    }

    private static string Summary(string timeField, int rowsSkipped, IReadOnlyList<SeriesMetrics> series, IReadOnlyList<Finding> findings)
    {
        var names = string.Join(", ", series.Take(MaxSummarised).Select(s => $"'{s.Field}'"))
            + (series.Count > MaxSummarised ? " and more" : "");
        var text = $"{(series.Count == 1 ? "Trend" : "Trends")} of {names} over '{timeField}'.";
        foreach (var s in series.Take(MaxSummarised))
        {
            var shape = TrendFindings.IsTrend(s) ? (s.Slope > 0 ? "rising" : "falling") : "without a clear trend";
            text += $" '{s.Field}' covers {Figures.Plural(s.N, "period", "periods")} from '{TrendJson.TimeText(s.Start)}' to '{TrendJson.TimeText(s.End)}', {shape} "
                + $"(slope {Figures.Format(s.Slope)} per period, R-squared {Figures.Format(s.R2)})";
            if (s.GrowthPct is { } growth)
            {
                text += $", {Figures.Format(growth)}% from first to last";
            }
            if (s.SeasonalityPeriod is { } period)
            {
                text += $", with a cycle of {Figures.Plural(period, "period", "periods")}";
            }
            text += ".";
        }
        if (rowsSkipped > 0)
        {
            text += $" {Figures.Plural(rowsSkipped, "row was", "rows were")} skipped for a missing or unreadable time or value.";
        }
        return findings.Count == 0 ? text : $"{text} Top finding: {findings[0].Title}.";
    }

    private static JsonArray Kpis(int rowsSkipped, IReadOnlyList<SeriesMetrics> series)
    {
        var kpis = new JsonArray(
            Kpi("series", null, series.Count, "series"),
            Kpi("rows_skipped", null, rowsSkipped, "rows"));
        foreach (var s in series.Take(MaxSummarised))
        {
            kpis.Add(Kpi("periods", s.Field, s.N, "periods"));
            kpis.Add(Kpi("slope_per_period", s.Field, s.Slope, "per period"));
            if (s.GrowthPct is { } growth)
            {
                kpis.Add(Kpi("growth_pct", s.Field, growth, "%"));
            }
            kpis.Add(Kpi("anomalies", s.Field, s.Anomalies.Count, "periods"));
        }
        return kpis;
    }

    private static JsonObject Kpi(string name, string? series, double value, string unit)
    {
        var kpi = new JsonObject { ["name"] = name };
        if (series is not null)
        {
            kpi["series"] = series;
        }
        kpi["value"] = value;
        kpi["unit"] = unit;
        return kpi;
    }

    /// <summary>One line chart per series: its points, the fitted line, anomaly indexes and forecast.</summary>
    private static JsonArray Charts(JsonObject trendJson)
    {
        var charts = new JsonArray();
        var lines = JsonValues.Object(trendJson["lines"], "trend.lines");
        var series = JsonValues.Object(trendJson["series"], "trend.series");
        foreach (var (field, node) in series.Take(MaxCharts))
        {
            var metrics = JsonValues.Object(node, $"trend.series.{field}");
            var line = JsonValues.Object(lines[field], $"trend.lines.{field}");
            charts.Add(new JsonObject
            {
                ["kind"] = "line",
                ["series"] = field,
                ["points"] = line["points"]!.DeepClone(),
                ["trend"] = line["trend"]!.DeepClone(),
                ["anomalies"] = new JsonArray([.. JsonValues.Array(metrics["anomalies"], $"trend.series.{field}.anomalies")
                    .Select(a => a!["index"]!.DeepClone())]),
                ["forecast"] = metrics["forecast"]!.DeepClone(),
                ["moving_average"] = metrics["moving_average"]!.DeepClone(),
            });
        }
        return charts;
    }
}
