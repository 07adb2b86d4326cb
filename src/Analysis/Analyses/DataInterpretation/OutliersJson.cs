using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses.DataInterpretation;

/// <summary>
/// The <c>outliers</c> step's output: <c>{ "&lt;column&gt;": { "count", "robust_z_count", "lower_fence",
/// "upper_fence", "examples": [{ "row", "value" }] } }</c>, listing only columns with IQR outliers.
/// </summary>
internal static class OutliersJson
{
    public static JsonObject Write(IEnumerable<ColumnOutliers> outliers)
    {
        var json = new JsonObject();
        foreach (var column in outliers.Where(o => o.Count > 0))
        {
            var examples = new JsonArray();
            foreach (var example in column.Examples)
            {
                examples.Add(new JsonObject { ["row"] = example.Row, ["value"] = JsonNumbers.Number(example.Value) });
            }
            json[column.Column] = new JsonObject
            {
                ["count"] = column.Count,
                ["robust_z_count"] = column.RobustZCount,
                ["lower_fence"] = JsonNumbers.Number(column.LowerFence),
                ["upper_fence"] = JsonNumbers.Number(column.UpperFence),
                ["examples"] = examples,
            };
        }
        return json;
    }

    public static IReadOnlyList<ColumnOutliers> Read(JsonNode? node)
    {
        var result = new List<ColumnOutliers>();
        foreach (var (name, value) in JsonValues.Object(node, "outliers"))
        {
            var path = $"outliers.{name}";
            var json = JsonValues.Object(value, path);
            var examples = new List<OutlierExample>();
            foreach (var item in JsonValues.Array(json["examples"], $"{path}.examples"))
            {
                var example = JsonValues.Object(item, $"{path}.examples[]");
                examples.Add(new OutlierExample(
                    JsonValues.Int(example["row"], $"{path}.examples[].row"),
                    JsonValues.Double(example["value"], $"{path}.examples[].value")));
            }
            result.Add(new ColumnOutliers(
                name,
                JsonValues.Int(json["count"], $"{path}.count"),
                JsonValues.NullableDouble(json["lower_fence"], $"{path}.lower_fence") ?? double.NaN,
                JsonValues.NullableDouble(json["upper_fence"], $"{path}.upper_fence") ?? double.NaN,
                examples,
                json["robust_z_count"] is null ? 0 : JsonValues.Int(json["robust_z_count"], $"{path}.robust_z_count")));
        }
        return result;
    }
}
