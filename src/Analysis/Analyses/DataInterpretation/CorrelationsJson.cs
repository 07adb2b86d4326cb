using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses.DataInterpretation;

/// <summary>
/// The <c>correlate</c> step's output: <c>[{ "a", "b", "pearson", "n", "spearman" }]</c>. r and ρ are rounded to four
/// decimals here, once, so metrics, evidence and report text all show the same number.
/// </summary>
internal static class CorrelationsJson
{
    public const int Decimals = 4;

    public static JsonArray Write(IEnumerable<Correlation> correlations)
    {
        var json = new JsonArray();
        foreach (var c in correlations)
        {
            json.Add(new JsonObject
            {
                ["a"] = c.A,
                ["b"] = c.B,
                ["pearson"] = Math.Round(c.Pearson, Decimals, MidpointRounding.AwayFromZero),
                ["n"] = c.N,
                ["spearman"] = c.Spearman is { } rho ? Math.Round(rho, Decimals, MidpointRounding.AwayFromZero) : null,
            });
        }
        return json;
    }

    public static IReadOnlyList<Correlation> Read(JsonNode? node)
    {
        var result = new List<Correlation>();
        foreach (var item in JsonValues.Array(node, "correlate"))
        {
            var json = JsonValues.Object(item, "correlate[]");
            result.Add(new Correlation(
                JsonValues.String(json["a"], "correlate[].a"),
                JsonValues.String(json["b"], "correlate[].b"),
                JsonValues.Double(json["pearson"], "correlate[].pearson"),
                JsonValues.Int(json["n"], "correlate[].n"),
                json["spearman"] is null ? null : JsonValues.Double(json["spearman"], "correlate[].spearman")));
        }
        return result;
    }
}
