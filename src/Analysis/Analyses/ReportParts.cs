using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses;

/// <summary>Writes the report parts every analysis type shares (findings, recommendations, kpis), in one shape.</summary>
internal static class ReportParts
{
    public static JsonArray Findings(IEnumerable<Finding> findings) =>
        new([.. findings.Select(f => (JsonNode)new JsonObject
        {
            ["title"] = f.Title,
            ["severity"] = Label(f.Severity),
            ["detail"] = f.Detail,
            ["evidence"] = f.Evidence.DeepClone(),
        })]);

    public static JsonArray Recommendations(IEnumerable<Finding> findings) =>
        new([.. findings.Where(f => f.Recommendation is not null).Select(f => (JsonNode)new JsonObject
        {
            ["title"] = f.Recommendation!.Title,
            ["detail"] = f.Recommendation.Detail,
            ["impact"] = Label(f.Recommendation.Impact),
            ["effort"] = Label(f.Recommendation.Effort),
        })]);

    public static JsonObject Kpi(string name, JsonNode? value, string unit) =>
        new() { ["name"] = name, ["value"] = value?.DeepClone(), ["unit"] = unit };

    private static string Label(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        _ => "info",
    };

    private static string Label(Level level) => level switch
    {
        Level.High => "high",
        Level.Medium => "medium",
        _ => "low",
    };
}
