using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Numbers;
using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// The analytics a model may call while it writes: reading the report's metrics and findings, and
/// the arithmetic it would otherwise do in its head. Every number a tool returns is remembered, so
/// grounding accepts a computed difference or ratio exactly as a tool produced it.
/// </summary>
public sealed class NarrativeTools : IToolNumbers
{
    private const int MaxToolText = 12_000;
    private readonly JsonObject _metrics;
    private readonly JsonArray _findings;
    private readonly ToolNumbers _numbers = new();

    public NarrativeTools(JsonObject metrics, JsonArray findings)
    {
        _metrics = metrics;
        _findings = findings;
        Functions =
        [
            AIFunctionFactory.Create(ListMetrics, "list_metrics", "All metrics of the analysis as JSON."),
            AIFunctionFactory.Create(GetMetric, "get_metric", "One metric by its dotted path, e.g. 'rows' or 'correlations.pairs.0.r'."),
            AIFunctionFactory.Create(ListFindings, "list_findings", "The findings the statistical engine derived, with their evidence."),
            AIFunctionFactory.Create(Difference, "difference", "b minus a."),
            AIFunctionFactory.Create(PercentChange, "percent_change", "The change from 'from' to 'to' in percent, to 2 decimals."),
            AIFunctionFactory.Create(Ratio, "ratio", "numerator divided by denominator, to 4 decimals."),
        ];
    }

    public IList<AITool> Functions { get; }

    /// <summary>The numbers the arithmetic tools returned so far.</summary>
    public IReadOnlyList<double> Returned => _numbers.Returned;

    public void Remember(IEnumerable<double> numbers) => _numbers.Remember(numbers);

    private string ListMetrics() => Cut(_metrics.ToJsonString());

    private string GetMetric([Description("Dotted path into the metrics")] string path)
    {
        JsonNode? node = _metrics;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }
        return node is null ? $"No metric at '{path}'." : Cut(node.ToJsonString());
    }

    private string ListFindings() => Cut(_findings.ToJsonString());

    private double Difference(double a, double b) => Keep(Arithmetic.Difference(a, b));

    private double PercentChange([Description("The earlier value")] double from, [Description("The later value")] double to) =>
        Keep(Arithmetic.PercentChange(from, to));

    private double Ratio(double numerator, double denominator) => Keep(Arithmetic.Ratio(numerator, denominator));

    private double Keep(double value)
    {
        Remember([value]);
        return value;
    }

    private static string Cut(string text) => text.Length > MaxToolText ? text[..MaxToolText] + "…(cut)" : text;
}
