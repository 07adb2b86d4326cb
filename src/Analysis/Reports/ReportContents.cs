using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// What both text renderings show, read once from the report JSON so Markdown and HTML cannot
/// disagree about ordering, grouping or number formatting.
/// </summary>
internal sealed class ReportContents
{
    public const string DefaultSeverity = "info";

    /// <summary>Critical first: a reader skimming the top should see what needs action.</summary>
    private static readonly string[] SeverityOrder = ["critical", "warning", "info"];

    private static readonly Dictionary<string, string> UsageLabels = new(StringComparer.Ordinal)
    {
        ["input_tokens"] = "Input tokens",
        ["output_tokens"] = "Output tokens",
        ["cost_usd"] = "Cost (USD)",
    };

    private ReportContents()
    {
    }

    public required string Title { get; init; }

    public string? Summary { get; init; }

    public required IReadOnlyList<KpiLine> Kpis { get; init; }

    public required IReadOnlyList<FindingGroup> FindingGroups { get; init; }

    public required IReadOnlyList<RecommendationLine> Recommendations { get; init; }

    /// <summary>Top-level scalar metrics, shown together in one table.</summary>
    public required IReadOnlyList<NamedValue> MetricValues { get; init; }

    public required IReadOnlyList<MetricTable> MetricTables { get; init; }

    public required IReadOnlyList<NamedValue> Provenance { get; init; }

    public required IReadOnlyList<NamedValue> Usage { get; init; }

    public static ReportContents Read(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (metricValues, metricTables) = Metrics(ReportJson.Object(report["metrics"]));
        return new ReportContents
        {
            Title = Headline(ReportJson.Text(report["type"]), ReportJson.Text(report["job_id"])),
            Summary = ReportJson.Text(report["summary"]),
            Kpis = [.. ReportJson.Items(report["kpis"]).OfType<JsonObject>().Select(ReadKpi)],
            FindingGroups = Group([.. ReportJson.Items(report["findings"]).OfType<JsonObject>().Select(ReadFinding)]),
            Recommendations = [.. ReportJson.Items(report["recommendations"]).OfType<JsonObject>().Select(ReadRecommendation)],
            MetricValues = metricValues,
            MetricTables = metricTables,
            Provenance = ReadProvenance(ReportJson.Object(report["provenance"])),
            Usage = Labelled(ReportJson.Object(report["usage"]), key => UsageLabels.GetValueOrDefault(key) ?? Words(key)),
        };
    }

    /// <summary><c>data_interpretation</c> → <c>Data interpretation</c>.</summary>
    public static string Words(string name)
    {
        var words = name.Replace('_', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? name : string.Concat(char.ToUpperInvariant(words[0]).ToString(), words.AsSpan(1));
    }

    /// <summary>Scalars and empty containers (shown as "none") go in the values table; the rest get tables.</summary>
    private static (List<NamedValue> Values, List<MetricTable> Tables) Metrics(JsonObject? metrics)
    {
        var values = new List<NamedValue>();
        var tables = new List<MetricTable>();
        foreach (var (name, node) in metrics ?? [])
        {
            if (RecordTable.From(name, node) is { } table)
            {
                tables.Add(new MetricTable(name, table));
            }
            else
            {
                values.Add(new NamedValue(name, Value(node)));
            }
        }
        return (values, tables);
    }

    private static string Value(JsonNode? node) => node switch
    {
        null => ReportNumbers.NotAvailable,
        JsonValue value => ReportJson.Text(value) ?? ReportNumbers.NotAvailable,
        _ => "none",
    };

    private static string Headline(string? type, string? jobId)
    {
        var words = string.IsNullOrWhiteSpace(type) ? "Analysis report" : Words(type);
        return string.IsNullOrWhiteSpace(jobId) ? words : $"{words} — {jobId}";
    }

    private static KpiLine ReadKpi(JsonObject kpi) => new(
        Words(ReportJson.Text(kpi["name"]) ?? "unnamed"),
        kpi["value"] is JsonValue or null ? Value(kpi["value"]) : ReportJson.Compact(kpi["value"]),
        ReportJson.Text(kpi["unit"]));

    private static FindingLine ReadFinding(JsonObject finding) => new(
        ReportJson.Text(finding["title"]) ?? "Untitled finding",
        Severity(ReportJson.Text(finding["severity"])),
        ReportJson.Text(finding["detail"]),
        finding["evidence"] switch
        {
            null => null,
            JsonObject { Count: 0 } => null,
            JsonObject evidence => ReportJson.CompactFields(evidence),
            var other => ReportJson.Compact(other),
        });

    private static string Severity(string? severity) =>
        string.IsNullOrWhiteSpace(severity) ? DefaultSeverity : severity.Trim().ToLowerInvariant();

    private static List<FindingGroup> Group(IReadOnlyList<FindingLine> findings) =>
        [.. findings
            .GroupBy(f => f.Severity, StringComparer.Ordinal)
            .OrderBy(g => Rank(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FindingGroup(g.Key, [.. g]))];

    /// <summary>Unknown severities sort after the known ones rather than disappearing.</summary>
    private static int Rank(string severity)
    {
        var index = Array.IndexOf(SeverityOrder, severity);
        return index < 0 ? SeverityOrder.Length : index;
    }

    private static RecommendationLine ReadRecommendation(JsonObject recommendation) => new(
        ReportJson.Text(recommendation["title"]) ?? "Untitled recommendation",
        ReportJson.Text(recommendation["detail"]),
        ReportJson.Text(recommendation["impact"]),
        ReportJson.Text(recommendation["effort"]));

    private static List<NamedValue> ReadProvenance(JsonObject? provenance)
    {
        var lines = Labelled(provenance, Words);
        if (provenance?["steps"] is JsonArray steps)
        {
            // Steps read better as the pipeline they were than as a nested list.
            var index = lines.FindIndex(l => l.Name == Words("steps"));
            lines[index] = new NamedValue(Words("steps"), steps.Count == 0 ? "none" : string.Join(" → ", steps.Select(Step)));
        }
        return lines;
    }

    private static string Step(JsonNode? step)
    {
        if (step is not JsonObject json)
        {
            return ReportJson.Compact(step, 80);
        }
        var name = ReportJson.Text(json["name"]) ?? "step";
        var rest = new JsonObject();
        foreach (var (key, value) in json.Where(p => p.Key != "name"))
        {
            rest[key] = value?.DeepClone();
        }
        return rest.Count == 0 ? name : $"{name} ({ReportJson.CompactFields(rest, 80)})";
    }

    private static List<NamedValue> Labelled(JsonObject? json, Func<string, string> label) =>
        json is null
            ? []
            : [.. json.Select(p => new NamedValue(label(p.Key), ReportJson.IsScalar(p.Value) ? Value(p.Value) : ReportJson.Compact(p.Value)))];
}
