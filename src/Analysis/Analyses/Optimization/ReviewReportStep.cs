using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Optimization;

/// <summary>
/// Writes the review's report body from the earlier steps' outputs only (never the table), so a job
/// resumed from checkpoints reports exactly what the checkpointed metrics say.
/// </summary>
public sealed class ReviewReportStep : IAnalysisStep
{
    public const string StepName = "report";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        var profile = JsonValues.Object(StepOutputs.Require(previous, ProfileStep.StepName, StepName), "profile");
        var roles = JsonValues.Object(StepOutputs.Require(previous, ReviewRolesStep.StepName, StepName), "roles");
        var pareto = JsonValues.Object(StepOutputs.Require(previous, ParetoStep.StepName, StepName), "pareto");
        var candidates = JsonValues.Object(StepOutputs.Require(previous, CandidatesStep.StepName, StepName), "candidates");
        var ratios = JsonValues.Object(StepOutputs.Require(previous, RatiosStep.StepName, StepName), "ratios");
        cancellationToken.ThrowIfCancellationRequested();

        var findings = ReviewFindings.Evaluate(pareto, candidates, ratios);
        var ratioList = JsonValues.Array(ratios["ratios"], "ratios.ratios");
        return new JsonObject
        {
            ["summary"] = Summary(pareto, candidates, findings),
            ["kpis"] = new JsonArray(
                ReportParts.Kpi("total", pareto["total"], JsonValues.String(pareto["value_field"], "pareto.value_field")),
                ReportParts.Kpi("categories", pareto["categories"], "categories"),
                ReportParts.Kpi("vital_few_count", pareto["vital_few_count"], "categories"),
                ReportParts.Kpi("vital_few_share_pct", pareto["vital_few_share_pct"], "%"),
                ReportParts.Kpi("top_20pct_share_pct", pareto["top_20pct_share_pct"], "%")),
            ["findings"] = ReportParts.Findings(findings),
            ["recommendations"] = ReportParts.Recommendations(findings),
            ["metrics"] = new JsonObject
            {
                ["rows"] = profile["rows"]?.DeepClone(),
                ["column_count"] = profile["column_count"]?.DeepClone(),
                ["fields"] = roles.DeepClone(),
                ["pareto"] = pareto.DeepClone(),
                ["automation_basis"] = new JsonObject
                {
                    ["step_field"] = candidates["step_field"]?.DeepClone(),
                    ["step_basis"] = candidates["step_basis"]?.DeepClone(),
                    ["case_field"] = candidates["case_field"]?.DeepClone(),
                    ["wait_field"] = candidates["wait_field"]?.DeepClone(),
                },
                ["automation_candidates"] = candidates["candidates"]?.DeepClone(),
                ["ratios"] = ratioList.Count == 0
                    ? null
                    : new JsonObject
                    {
                        ["category_field"] = ratios["category_field"]?.DeepClone(),
                        ["volume_field"] = ratios["volume_field"]?.DeepClone(),
                        ["items"] = ratioList.DeepClone(),
                    },
            },
            ["charts"] = Charts(pareto, candidates, ratioList),
        };
    }

    private static string Summary(JsonObject pareto, JsonObject candidates, IReadOnlyList<Finding> findings)
    {
        var category = JsonValues.String(pareto["category_field"], "pareto.category_field");
        var value = JsonValues.String(pareto["value_field"], "pareto.value_field");
        var total = JsonValues.Double(pareto["total"], "pareto.total");
        var n = JsonValues.Int(pareto["categories"], "pareto.categories");
        var first = n == 0 || total <= 0
            ? $"'{value}' has no positive total across '{category}', so no Pareto ranking is possible."
            : $"{Figures.Format(JsonValues.Int(pareto["vital_few_count"], "pareto.vital_few_count"))} of {Figures.Format(n)} '{category}' values "
                + $"({Figures.Format(JsonValues.Double(pareto["vital_few_share_pct"], "pareto.vital_few_share_pct"))}% of them) account for "
                + $"{Figures.Format(JsonValues.Double(pareto["vital_few_value_pct"], "pareto.vital_few_value_pct"))}% of total '{value}' ({Figures.Format(total)}).";

        var list = JsonValues.Array(candidates["candidates"], "candidates.candidates");
        if (JsonValues.String(candidates["step_basis"], "candidates.step_basis") == "activity" && list.Count > 0)
        {
            var best = JsonValues.Object(list[0], "candidates.candidates[]");
            return $"{first} The top automation candidate is '{JsonValues.String(best["step"], "step")}' (score {Figures.Format(JsonValues.Double(best["score"], "score"))}).";
        }
        var warning = findings.FirstOrDefault(f => f.Severity >= Severity.Warning);
        return warning is null ? first : $"{first} Top finding: {warning.Title}.";
    }

    /// <summary>A Pareto chart (bars per category, cumulative-share line against the threshold), candidate scores, the first ratio.</summary>
    private static JsonArray Charts(JsonObject pareto, JsonObject candidates, JsonArray ratios)
    {
        var category = JsonValues.String(pareto["category_field"], "pareto.category_field");
        var value = JsonValues.String(pareto["value_field"], "pareto.value_field");
        var items = JsonValues.Array(pareto["items"], "pareto.items").Select(i => JsonValues.Object(i, "pareto.items[]")).ToArray();
        var charts = new JsonArray();
        if (items.Length > 0)
        {
            charts.Add(new JsonObject
            {
                ["kind"] = "pareto",
                ["title"] = $"'{value}' by '{category}'",
                ["category_field"] = category,
                ["value_field"] = value,
                ["bars"] = new JsonArray([.. items.Select(i => (JsonNode)Point(i["category"], i["value"]))]),
                ["bar_unit"] = value,
                ["line"] = new JsonArray([.. items.Select(i => (JsonNode)Point(i["category"], i["cumulative_pct"]))]),
                ["line_unit"] = "%",
                ["threshold_pct"] = pareto["threshold_pct"]?.DeepClone(),
            });
        }
        var list = JsonValues.Array(candidates["candidates"], "candidates.candidates").Select(c => JsonValues.Object(c, "candidates[]")).ToArray();
        if (list.Length > 0)
        {
            charts.Add(new JsonObject
            {
                ["kind"] = "bar",
                ["title"] = $"Automation score by '{JsonValues.String(candidates["step_field"], "candidates.step_field")}'",
                ["unit"] = "score",
                ["bars"] = new JsonArray([.. list.Select(c => (JsonNode)Point(c["step"], c["score"]))]),
            });
        }
        if (ratios.Count > 0)
        {
            var ratio = JsonValues.Object(ratios[0], "ratios.ratios[]");
            var perCategory = JsonValues.Array(ratio["categories"], "categories").Select(c => JsonValues.Object(c, "categories[]"));
            charts.Add(new JsonObject
            {
                ["kind"] = "bar",
                ["title"] = $"'{JsonValues.String(ratio["money_field"], "money_field")}' per unit of '{JsonValues.String(ratio["volume_field"], "volume_field")}' by '{category}'",
                ["unit"] = "per unit",
                ["bars"] = new JsonArray([.. perCategory.Select(c => (JsonNode)Point(c["category"], c["per_unit"]))]),
            });
        }
        return charts;
    }

    private static JsonObject Point(JsonNode? label, JsonNode? value) =>
        new() { ["label"] = label?.DeepClone(), ["value"] = value?.DeepClone() };
}
