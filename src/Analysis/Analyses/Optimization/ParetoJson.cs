using System.Text.Json.Nodes;
using Actors.Analytics.Optimization;

namespace Actors.Analyses.Optimization;

/// <summary>
/// The <c>pareto</c> step's output, copied as-is into <c>metrics.pareto</c>:
/// <code>
/// { "category_field", "value_field", "total", "categories", "threshold_pct",
///   "vital_few": [label], "vital_few_count", "vital_few_share_pct", "vital_few_value_pct",
///   "top_20pct_count", "top_20pct_share_pct", "excluded_categories", "excluded_total",
///   "items": [{ "category", "value", "share_pct", "cumulative_pct" }] }
/// </code>
/// Values are rounded to four decimals and percentages to two, here, once. <c>vital_few</c> and
/// <c>items</c> list at most <see cref="MaxListed"/> categories; the counts are always complete.
/// </summary>
internal static class ParetoJson
{
    public const int MaxListed = 50;

    public static JsonObject Write(ParetoResult pareto, string categoryField, string valueField)
    {
        var items = new JsonArray();
        foreach (var item in pareto.Items.Take(MaxListed))
        {
            items.Add(new JsonObject
            {
                ["category"] = item.Category,
                ["value"] = Rounded.ValueNode(item.Value),
                ["share_pct"] = Rounded.PercentNode(item.SharePct),
                ["cumulative_pct"] = Rounded.PercentNode(item.CumulativePct),
            });
        }
        return new JsonObject
        {
            ["category_field"] = categoryField,
            ["value_field"] = valueField,
            ["total"] = Rounded.ValueNode(pareto.Total),
            ["categories"] = pareto.Items.Count,
            ["threshold_pct"] = Pareto.ThresholdPct,
            ["vital_few"] = new JsonArray([.. pareto.VitalFew.Take(MaxListed).Select(i => (JsonNode)JsonValue.Create(i.Category))]),
            ["vital_few_count"] = pareto.VitalFewCount,
            ["vital_few_share_pct"] = Rounded.PercentNode(pareto.VitalFewSharePct),
            ["vital_few_value_pct"] = Rounded.PercentNode(pareto.VitalFewValuePct),
            ["top_20pct_count"] = pareto.TopGroupCount,
            ["top_20pct_share_pct"] = Rounded.PercentNode(pareto.TopGroupSharePct),
            ["excluded_categories"] = pareto.ExcludedCount,
            ["excluded_total"] = Rounded.ValueNode(pareto.ExcludedTotal),
            ["items"] = items,
        };
    }
}
