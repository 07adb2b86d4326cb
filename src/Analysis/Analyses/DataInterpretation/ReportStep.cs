using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses.DataInterpretation;

/// <summary>
/// Writes the report body from the earlier steps' outputs only (never the table), so a job resumed
/// from checkpoints reports exactly what the checkpointed metrics say.
/// </summary>
public sealed class ReportStep : IAnalysisStep
{
    public const string StepName = "report";

    /// <summary>Box plots are drawn for the first few numeric columns only, to keep the report small.</summary>
    public const int MaxBoxPlots = 3;

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        var profileJson = StepOutputs.Require(previous, ProfileStep.StepName, StepName);
        var correlateJson = StepOutputs.Require(previous, CorrelateStep.StepName, StepName);
        var outliersJson = StepOutputs.Require(previous, OutliersStep.StepName, StepName);
        cancellationToken.ThrowIfCancellationRequested();

        var profile = ProfileJson.Read(profileJson);
        var findings = FindingRules.Evaluate(profile, CorrelationsJson.Read(correlateJson), OutliersJson.Read(outliersJson));
        var totals = JsonValues.Object(profileJson, "profile");
        var columnCount = JsonValues.Int(totals["column_count"], "profile.column_count");
        var numericColumns = JsonValues.Int(totals["numeric_columns"], "profile.numeric_columns");
        var completePct = JsonValues.Double(totals["complete_row_pct"], "profile.complete_row_pct");

        return new JsonObject
        {
            ["summary"] = Summary(profile.Rows, columnCount, numericColumns, completePct, findings),
            ["kpis"] = new JsonArray(
                Kpi("rows", profile.Rows, "rows"),
                Kpi("columns", columnCount, "columns"),
                Kpi("complete_row_share", completePct, "%"),
                Kpi("numeric_columns", numericColumns, "columns")),
            ["findings"] = ReportParts.Findings(findings),
            ["recommendations"] = ReportParts.Recommendations(findings),
            ["metrics"] = new JsonObject
            {
                ["rows"] = totals["rows"]!.DeepClone(),
                ["column_count"] = totals["column_count"]!.DeepClone(),
                ["numeric_columns"] = totals["numeric_columns"]!.DeepClone(),
                ["complete_rows"] = totals["complete_rows"]!.DeepClone(),
                ["complete_row_pct"] = totals["complete_row_pct"]!.DeepClone(),
                ["columns"] = totals["columns"]!.DeepClone(),
                ["correlations"] = correlateJson.DeepClone(),
                ["outliers"] = outliersJson.DeepClone(),
            },
            ["charts"] = Charts(profile),
        };
    }

    private static string Summary(int rows, int columns, int numeric, double completePct, IReadOnlyList<Finding> findings)
    {
        var shape = $"The data has {Figures.Plural(rows, "row", "rows")} and {Figures.Plural(columns, "column", "columns")} ({Figures.Format(numeric)} numeric); "
            + $"{Figures.Format(completePct)}% of rows have no missing values.";
        return findings.Count == 0
            ? $"{shape} No data quality issues or strong relationships stood out."
            : $"{shape} Top finding: {findings[0].Title}.";
    }

    private static JsonObject Kpi(string name, double value, string unit) =>
        new() { ["name"] = name, ["value"] = value, ["unit"] = unit };

    private static JsonObject Kpi(string name, int value, string unit) =>
        new() { ["name"] = name, ["value"] = value, ["unit"] = unit };

    /// <summary>Charts drawable from the profile alone: box plots of numeric columns and missing share per column.</summary>
    private static JsonArray Charts(TableProfile profile)
    {
        var charts = new JsonArray();
        var boxes = profile.Columns
            .Where(c => c.Numeric is { } s && double.IsFinite(s.Q1) && double.IsFinite(s.Q3))
            .Take(MaxBoxPlots);
        foreach (var column in boxes)
        {
            var stats = column.Numeric!;
            charts.Add(new JsonObject
            {
                ["kind"] = "box",
                ["column"] = column.Name,
                ["min"] = JsonNumbers.Number(stats.Min),
                ["q1"] = JsonNumbers.Number(stats.Q1),
                ["median"] = JsonNumbers.Number(stats.Median),
                ["q3"] = JsonNumbers.Number(stats.Q3),
                ["max"] = JsonNumbers.Number(stats.Max),
            });
        }
        var gaps = profile.Columns.Where(c => c.Missing > 0).ToArray();
        if (gaps.Length > 0)
        {
            var bars = new JsonArray();
            foreach (var column in gaps)
            {
                bars.Add(new JsonObject { ["label"] = column.Name, ["value"] = Percent.Of(column.Missing, profile.Rows) });
            }
            charts.Add(new JsonObject { ["kind"] = "bar", ["title"] = "Missing values by column", ["unit"] = "%", ["bars"] = bars });
        }
        return charts;
    }
}
