using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Numbers;

namespace Actors.Agents;

/// <summary>
/// What an agent step answers: a summary, findings with their evidence (each a named number and the
/// tool it came from), and recommendations with impact and effort. <see cref="Schema"/> is what the
/// model is asked to follow (a JSON schema in <c>response_format</c> where the provider takes one, and
/// in the prompt); <see cref="Read"/> checks an answer against it; <see cref="Ungrounded"/> applies the
/// grounding rule to every text and every evidence value.
/// </summary>
public sealed record AgentAnswer(string Summary, IReadOnlyList<AgentFinding> Findings, IReadOnlyList<AgentRecommendation> Recommendations)
{
    public const int MaxFindings = 10;
    public const int MaxRecommendations = 10;
    public const int MaxTextChars = 2_000;

    public static readonly IReadOnlyList<string> Severities = ["info", "warning", "critical"];
    public static readonly IReadOnlyList<string> Levels = ["low", "medium", "high"];

    /// <summary>The answer's JSON schema (every property required, none extra: strict-mode compatible).</summary>
    public static JsonObject Schema() => Object(new()
    {
        ["summary"] = Text("The answer in 1 to 4 sentences; every number copied from a tool result."),
        ["findings"] = List(Object(new()
        {
            ["title"] = Text("The finding in a few words."),
            ["severity"] = Choice(Severities),
            ["detail"] = Text("What it means, with the numbers it rests on."),
            ["evidence"] = List(Object(new()
            {
                ["source"] = Text("The tool the number came from."),
                ["name"] = Text("What the number is, e.g. 'north.sum'."),
                ["value"] = new JsonObject { ["type"] = "number" },
            })),
        }), MaxFindings),
        ["recommendations"] = List(Object(new()
        {
            ["title"] = Text("What to do."),
            ["detail"] = Text("Why, and how."),
            ["impact"] = Choice(Levels),
            ["effort"] = Choice(Levels),
        }), MaxRecommendations),
    });

    /// <summary>Parses and checks an answer (a JSON object, possibly fenced as a code block); the problems name each thing wrong.</summary>
    public static (AgentAnswer? Answer, IReadOnlyList<string> Problems) Read(string text)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(Unfenced(text)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return (null, ["The answer is not a JSON object."]);
        }
        var problems = new List<string>();
        var summary = RequiredText(root, "summary", "summary", problems);
        var findings = Items(root, "findings", MaxFindings, problems).Select((f, i) => Finding(f, $"findings[{i}]", problems)).ToList();
        var recommendations = Items(root, "recommendations", MaxRecommendations, problems).Select((r, i) => Recommendation(r, $"recommendations[{i}]", problems)).ToList();
        if (findings.Count == 0 && problems.Count == 0)
        {
            problems.Add("findings: give at least one finding.");
        }
        return problems.Count > 0 ? (null, problems) : (new AgentAnswer(summary!, findings!, recommendations!), []);
    }

    /// <summary>Every number of the answer, in text or evidence, that matches none of <paramref name="known"/>.</summary>
    public IReadOnlyList<string> Ungrounded(IReadOnlyCollection<double> known)
    {
        var issues = new List<string>(Grounding.Ungrounded("The summary", Summary, known));
        foreach (var (finding, i) in Findings.Select((f, i) => (f, i)))
        {
            issues.AddRange(Grounding.Ungrounded($"Finding {i + 1}", finding.Title + " " + finding.Detail, known));
            issues.AddRange(finding.Evidence
                .Where(e => !known.Any(k => Grounding.Matches(k, new Grounding.PrintedNumber(e.Value, Decimals(e.Value), ""))))
                .Select(e => $"Finding {i + 1}'s evidence '{e.Name}' is {Figures.Format(e.Value)}, which no tool returned."));
        }
        foreach (var (recommendation, i) in Recommendations.Select((r, i) => (r, i)))
        {
            issues.AddRange(Grounding.Ungrounded($"Recommendation {i + 1}", recommendation.Title + " " + recommendation.Detail, known));
        }
        return issues;
    }

    /// <summary>The report's shapes: findings with an evidence object (name → value) and recommendations, as the statistical engine writes them.</summary>
    public JsonObject ToReportJson() => new()
    {
        ["summary"] = Summary,
        ["findings"] = new JsonArray([.. Findings.Select(f => (JsonNode)new JsonObject
        {
            ["title"] = f.Title,
            ["severity"] = f.Severity,
            ["detail"] = f.Detail,
            ["evidence"] = Evidence(f),
        })]),
        ["recommendations"] = new JsonArray([.. Recommendations.Select(r => (JsonNode)new JsonObject
        {
            ["title"] = r.Title,
            ["detail"] = r.Detail,
            ["impact"] = r.Impact,
            ["effort"] = r.Effort,
        })]),
    };

    /// <summary>The answer in the schema's own shape (evidence as a list), so a checkpoint reads back through <see cref="Read"/>.</summary>
    public JsonObject ToSchemaJson() => new()
    {
        ["summary"] = Summary,
        ["findings"] = new JsonArray([.. Findings.Select(f => (JsonNode)new JsonObject
        {
            ["title"] = f.Title,
            ["severity"] = f.Severity,
            ["detail"] = f.Detail,
            ["evidence"] = new JsonArray([.. f.Evidence.Select(e => (JsonNode)new JsonObject
            {
                ["source"] = e.Source,
                ["name"] = e.Name,
                ["value"] = JsonNumbers.Number(e.Value),
            })]),
        })]),
        ["recommendations"] = ToReportJson()["recommendations"]!.DeepClone(),
    };

    private static JsonObject Evidence(AgentFinding finding)
    {
        var evidence = new JsonObject();
        foreach (var item in finding.Evidence)
        {
            var name = evidence.ContainsKey(item.Name) ? $"{item.Name} ({item.Source})" : item.Name;
            evidence[name] = JsonNumbers.Number(item.Value);
        }
        return evidence;
    }

    private static AgentFinding? Finding(JsonObject json, string at, List<string> problems)
    {
        var title = RequiredText(json, "title", at, problems);
        var severity = OneOf(json, "severity", Severities, at, problems);
        var detail = RequiredText(json, "detail", at, problems);
        var evidence = new List<AgentEvidence>();
        foreach (var (item, i) in Items(json, "evidence", 20, problems, at).Select((e, i) => (e, i)))
        {
            var source = RequiredText(item, "source", $"{at}.evidence[{i}]", problems);
            var name = RequiredText(item, "name", $"{at}.evidence[{i}]", problems);
            if (!item["value"].TryGetNumber(out var value))
            {
                problems.Add($"{at}.evidence[{i}].value: must be a number.");
            }
            else if (source is not null && name is not null)
            {
                evidence.Add(new AgentEvidence(source, name, value));
            }
        }
        return title is null || severity is null || detail is null ? null : new AgentFinding(title, severity, detail, evidence);
    }

    private static AgentRecommendation? Recommendation(JsonObject json, string at, List<string> problems)
    {
        var title = RequiredText(json, "title", at, problems);
        var detail = RequiredText(json, "detail", at, problems);
        var impact = OneOf(json, "impact", Levels, at, problems);
        var effort = OneOf(json, "effort", Levels, at, problems);
        return title is null || detail is null || impact is null || effort is null ? null : new AgentRecommendation(title, detail, impact, effort);
    }

    private static List<JsonObject> Items(JsonObject json, string name, int max, List<string> problems, string? at = null)
    {
        var where = at is null ? name : $"{at}.{name}";
        if (json[name] is not JsonArray array)
        {
            problems.Add($"{where}: must be a list.");
            return [];
        }
        if (array.Count > max)
        {
            problems.Add($"{where}: at most {max} items.");
        }
        var items = new List<JsonObject>();
        foreach (var (item, i) in array.Take(max).Select((item, i) => (item, i)))
        {
            if (item is JsonObject o)
            {
                items.Add(o);
            }
            else
            {
                problems.Add($"{where}[{i}]: must be an object.");
            }
        }
        return items;
    }

    private static string? RequiredText(JsonObject json, string name, string at, List<string> problems)
    {
        var where = at == name ? name : $"{at}.{name}";
        if (json[name] is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{where}: must be a non-empty string.");
            return null;
        }
        if (text.Length > MaxTextChars)
        {
            problems.Add($"{where}: at most {MaxTextChars} characters.");
            return null;
        }
        return text.Trim();
    }

    private static string? OneOf(JsonObject json, string name, IReadOnlyList<string> allowed, string at, List<string> problems)
    {
        var text = json[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s.Trim().ToLowerInvariant() : null;
        if (text is null || !allowed.Contains(text))
        {
            problems.Add($"{at}.{name}: must be one of {string.Join(", ", allowed)}.");
            return null;
        }
        return text;
    }

    /// <summary>Models often wrap JSON in a Markdown code fence even when asked not to.</summary>
    private static string Unfenced(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }
        var start = trimmed.IndexOf('\n');
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return start < 0 || end <= start ? trimmed : trimmed[(start + 1)..end].Trim();
    }

    /// <summary>An evidence value is a number as the model wrote it: it must match to the decimals it carries.</summary>
    private static int Decimals(double value)
    {
        var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.');
        return dot < 0 || text.Contains('E', StringComparison.OrdinalIgnoreCase) ? 0 : text.Length - dot - 1;
    }

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject Choice(IReadOnlyList<string> values) => new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    private static JsonObject List(JsonObject items, int? max = null)
    {
        var list = new JsonObject { ["type"] = "array", ["items"] = items };
        if (max is { } m)
        {
            list["maxItems"] = m;
        }
        return list;
    }

    private static JsonObject Object(Dictionary<string, JsonObject> properties) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject([.. properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["required"] = new JsonArray([.. properties.Keys.Select(k => (JsonNode)k)]),
        ["additionalProperties"] = false,
    };
}

public sealed record AgentFinding(string Title, string Severity, string Detail, IReadOnlyList<AgentEvidence> Evidence);

public sealed record AgentEvidence(string Source, string Name, double Value);

public sealed record AgentRecommendation(string Title, string Detail, string Impact, string Effort);
