using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Process;

/// <summary>
/// Writes the report body from the <c>roles</c> and <c>mine</c> outputs only (never the table), so a
/// job resumed from checkpoints reports exactly what the checkpointed metrics say. Metrics are the
/// role fields followed by the <c>mine</c> output (see <see cref="MineJson"/>).
/// </summary>
public sealed class ProcessReportStep : IAnalysisStep
{
    public const string StepName = "report";

    /// <summary>Variant bars beyond this many would be unreadable slivers.</summary>
    public const int MaxVariantBars = 10;

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        var rolesJson = JsonValues.Object(StepOutputs.Require(previous, RolesStep.StepName, StepName), "roles");
        var mined = JsonValues.Object(StepOutputs.Require(previous, MineStep.StepName, StepName), "mine");
        cancellationToken.ThrowIfCancellationRequested();

        var findings = ProcessFindingRules.Evaluate(mined);
        var metrics = new JsonObject();
        foreach (var (key, value) in rolesJson)
        {
            metrics[key] = value?.DeepClone();
        }
        foreach (var (key, value) in mined)
        {
            metrics[key] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["summary"] = Summary(mined, findings),
            ["kpis"] = Kpis(mined),
            ["findings"] = ReportParts.Findings(findings),
            ["recommendations"] = ReportParts.Recommendations(findings),
            ["metrics"] = metrics,
            ["charts"] = Charts(mined),
        };
    }

    private static string Summary(JsonObject mined, IReadOnlyList<Finding> findings)
    {
        var cases = JsonValues.Int(mined["cases"], "mine.cases");
        var events = JsonValues.Int(mined["events"], "mine.events");
        var activities = JsonValues.Int(mined["activity_count"], "mine.activity_count");
        var skipped = JsonValues.Int(mined["rows_skipped"], "mine.rows_skipped");
        var text = $"The log has {Figures.Plural(cases, "case", "cases")} with {Figures.Plural(events, "event", "events")} "
            + $"over {Figures.Plural(activities, "activity", "activities")}";
        if (skipped > 0)
        {
            text += $" ({Figures.Plural(skipped, "row", "rows")} without a case, activity or time skipped)";
        }
        text += $"; a case takes {Duration(mined, "mean_cycle_time")} on average and {Duration(mined, "median_cycle_time")} at the median.";
        return findings.Count == 0
            ? $"{text} No bottleneck, rework or unusual cycle times stood out."
            : $"{text} Top finding: {findings[0].Title}.";
    }

    private static string Duration(JsonObject mined, string metric) =>
        Durations.Text(
            JsonValues.Double(mined[$"{metric}_s"], $"mine.{metric}_s"),
            JsonValues.Double(mined[$"{metric}_h"], $"mine.{metric}_h"));

    /// <summary>Headline figures, each a copy of a metric value.</summary>
    private static JsonArray Kpis(JsonObject mined) => new(
        Kpi("cases", mined["cases"], "cases"),
        Kpi("events", mined["events"], "events"),
        Kpi("mean_cycle_time", mined["mean_cycle_time_h"], "h"),
        Kpi("median_cycle_time", mined["median_cycle_time_h"], "h"),
        Kpi("rework_case_share", mined["rework_case_pct"], "%"),
        Kpi("variants", mined["variant_count"], "variants"));

    private static JsonObject Kpi(string name, JsonNode? value, string unit) =>
        new() { ["name"] = name, ["value"] = value?.DeepClone(), ["unit"] = unit };

    private static JsonArray Charts(JsonObject mined)
    {
        var waits = JsonValues.Object(mined["activities"], "mine.activities")
            .Where(a => a.Value?["mean_wait_s"] is not null)
            .Select(a => (Label: a.Key, Value: JsonValues.Double(a.Value!["mean_wait_s"], $"mine.activities.{a.Key}.mean_wait_s")))
            .OrderByDescending(a => a.Value)
            .ThenBy(a => a.Label, StringComparer.Ordinal);
        var waitBars = new JsonArray();
        foreach (var (label, value) in waits)
        {
            waitBars.Add(new JsonObject { ["label"] = label, ["value"] = value });
        }
        var variantBars = new JsonArray();
        foreach (var variant in JsonValues.Array(mined["variants"], "mine.variants").Take(MaxVariantBars))
        {
            variantBars.Add(new JsonObject { ["label"] = variant?["path"]?.DeepClone(), ["value"] = variant?["cases"]?.DeepClone() });
        }
        return new JsonArray(
            new JsonObject { ["kind"] = "bar", ["title"] = "Mean waiting time per activity", ["unit"] = "s", ["bars"] = waitBars },
            new JsonObject { ["kind"] = "bar", ["title"] = "Cases per variant", ["unit"] = "cases", ["bars"] = variantBars });
    }
}
