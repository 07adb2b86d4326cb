using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics.Optimization;

namespace Actors.Analyses.Optimization;

/// <summary>
/// Money per unit of volume per category, for each money column, when the data has both a money-like
/// and a volume-like column (see <see cref="MeasureNames"/>). Output:
/// <code>
/// { "category_field", "volume_field", "ratios": [{ "money_field", "kind": "cost"|"revenue"|"price",
///   "volume_field", "lowest": { "category", "per_unit" } | null, "highest": … | null, "spread",
///   "categories": [{ "category", "money", "volume", "per_unit" }] }] }
/// </code>
/// <c>ratios</c> is empty when either kind of column is missing.
/// </summary>
public sealed class RatiosStep : IAnalysisStep
{
    public const string StepName = "ratios";

    /// <summary>Categories listed per ratio, highest per-unit figure first.</summary>
    public const int MaxListed = 50;

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = ReviewFields.Read(StepOutputs.Require(previous, ReviewRolesStep.StepName, StepName));
        var ratios = new JsonArray();
        if (fields.Volume is { } volume)
        {
            foreach (var money in fields.Money)
            {
                var kind = MeasureNames.Classify(money);
                ratios.Add(Write(UnitRatios.Compute(input.Table, fields.Category, money, kind, volume, cancellationToken)));
            }
        }
        return new JsonObject
        {
            ["category_field"] = fields.Category,
            ["volume_field"] = fields.Volume,
            ["ratios"] = ratios,
        };
    }

    private static JsonObject Write(UnitRatio ratio)
    {
        var categories = new JsonArray();
        foreach (var c in ratio.Categories.Take(MaxListed))
        {
            categories.Add(new JsonObject
            {
                ["category"] = c.Category,
                ["money"] = Rounded.ValueNode(c.Money),
                ["volume"] = Rounded.ValueNode(c.Volume),
                ["per_unit"] = Rounded.ValueNode(c.PerUnit),
            });
        }
        return new JsonObject
        {
            ["money_field"] = ratio.MoneyField,
            ["kind"] = ratio.Kind switch
            {
                MeasureKind.Cost => "cost",
                MeasureKind.Price => "price",
                _ => "revenue",
            },
            ["volume_field"] = ratio.VolumeField,
            ["lowest"] = End(ratio.Lowest),
            ["highest"] = End(ratio.Highest),
            ["spread"] = Rounded.ValueNode(ratio.Spread),
            ["categories"] = categories,
        };
    }

    private static JsonObject? End(CategoryRatio? ratio) =>
        ratio is null ? null : new JsonObject { ["category"] = ratio.Category, ["per_unit"] = Rounded.ValueNode(ratio.PerUnit) };
}
