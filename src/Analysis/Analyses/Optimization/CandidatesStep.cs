using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics.Optimization;

namespace Actors.Analyses.Optimization;

/// <summary>
/// Scores steps for automation (rule on <see cref="AutomationCandidates"/>). Output:
/// <code>
/// { "step_field", "step_basis", "case_field", "wait_field",
///   "candidates": [{ "step", "count", "row_share_pct", "cases", "repeat_cases", "repeat_share_pct",
///                    "mean_wait", "frequency_score", "wait_score", "score" }] }
/// </code>
/// at most five candidates, best first; case and wait figures are null without those columns.
/// </summary>
public sealed class CandidatesStep : IAnalysisStep
{
    public const string StepName = "candidates";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = ReviewFields.Read(StepOutputs.Require(previous, ReviewRolesStep.StepName, StepName));
        var ranked = AutomationCandidates.Rank(input.Table, fields.Step, fields.Case, fields.Wait, AutomationCandidates.DefaultTop, cancellationToken);
        var candidates = new JsonArray();
        foreach (var c in ranked)
        {
            candidates.Add(new JsonObject
            {
                ["step"] = c.Step,
                ["count"] = c.Count,
                ["row_share_pct"] = Rounded.PercentNode(c.RowSharePct),
                ["cases"] = c.Cases,
                ["repeat_cases"] = c.RepeatCases,
                ["repeat_share_pct"] = Rounded.PercentNode(c.RepeatSharePct),
                ["mean_wait"] = Rounded.ValueNode(c.MeanWait),
                ["frequency_score"] = Rounded.ValueNode(c.FrequencyScore),
                ["wait_score"] = Rounded.ValueNode(c.WaitScore),
                ["score"] = Rounded.ValueNode(c.Score),
            });
        }
        return new JsonObject
        {
            ["step_field"] = fields.Step,
            ["step_basis"] = fields.StepIsActivity ? "activity" : "category",
            ["case_field"] = fields.Case,
            ["wait_field"] = fields.Wait,
            ["candidates"] = candidates,
        };
    }
}
