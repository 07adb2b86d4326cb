using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Analyses;

namespace Actors.Analytics.Tests.Optimization;

/// <summary>Runs analyses as the job does and checks report text against metrics.</summary>
internal static partial class ReportTexts
{
    public static Dictionary<string, JsonNode> RunAll(IAnalysis analysis, DataTable table, string? question = null, IReadOnlyDictionary<string, string>? options = null)
    {
        var input = new AnalysisInput(analysis.Type, table, question, options ?? new Dictionary<string, string>());
        var outputs = new Dictionary<string, JsonNode>();
        foreach (var step in analysis.Steps)
        {
            // Each step sees a copy, as a job passes the outputs gathered so far.
            outputs[step.Name] = step.Run(input, new Dictionary<string, JsonNode>(outputs), CancellationToken.None);
        }
        return outputs;
    }

    public static IEnumerable<double> NumbersIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => NumbersIn(p.Value)),
        JsonArray a => a.SelectMany(NumbersIn),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)],
        _ => [],
    };

    /// <summary>Numbers in text, ignoring quoted names and labels (which may contain digits).</summary>
    public static IEnumerable<double> NumbersIn(string text) =>
        NumberPattern().Matches(QuotedPattern().Replace(text, "")).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture));

    /// <summary>Summary, finding titles and details, recommendation titles and details.</summary>
    public static List<string> Texts(JsonObject report)
    {
        var texts = new List<string> { report["summary"]!.GetValue<string>() };
        texts.AddRange(report["findings"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["detail"]!.GetValue<string>() }));
        texts.AddRange(report["recommendations"]!.AsArray().SelectMany(r => new[] { r!["title"]!.GetValue<string>(), r["detail"]!.GetValue<string>() }));
        return texts;
    }

    /// <summary>Asserts every number printed in the report's text is a metric value (text prints metrics exactly).</summary>
    public static List<double> AssertTextNumbersAreMetrics(JsonObject report)
    {
        var metrics = NumbersIn(report["metrics"]).ToHashSet();
        var quoted = Texts(report).SelectMany(NumbersIn).ToList();
        foreach (var number in quoted)
        {
            Assert.True(metrics.Contains(number), $"{number} is in the report text but not in metrics");
        }
        return quoted;
    }

    public static void AssertReportShape(JsonObject report)
    {
        Assert.Equal(["summary", "kpis", "findings", "recommendations", "metrics", "charts"], report.Select(p => p.Key));
        Assert.All(report["findings"]!.AsArray(), f =>
        {
            Assert.Equal(["title", "severity", "detail", "evidence"], f!.AsObject().Select(p => p.Key));
            Assert.Contains(f["severity"]!.GetValue<string>(), new[] { "info", "warning", "critical" });
        });
        Assert.All(report["recommendations"]!.AsArray(), r =>
        {
            Assert.Equal(["title", "detail", "impact", "effort"], r!.AsObject().Select(p => p.Key));
            Assert.Contains(r["impact"]!.GetValue<string>(), new[] { "high", "medium", "low" });
            Assert.Contains(r["effort"]!.GetValue<string>(), new[] { "high", "medium", "low" });
        });
        // The job serialises the body; it must be valid JSON (no NaN or infinities).
        Assert.NotNull(JsonNode.Parse(report.ToJsonString()));
        // And it must pass the team quality gate, which checks the same rule independently.
        var verdict = Actors.Teams.QualityReview.Review(report);
        Assert.True(verdict.Approved, string.Join(" ", verdict.Issues));
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();
}
