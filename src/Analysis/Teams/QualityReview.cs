using System.Text.Json.Nodes;

namespace Actors.Teams;

/// <summary>
/// The deterministic quality gate. A report body must have a summary and findings, and its summary,
/// findings and recommendations must be grounded in its metrics (<see cref="Grounding"/>). Any other
/// output must simply not be empty.
/// </summary>
public static class QualityReview
{
    public static ReviewVerdict Review(JsonNode? output)
    {
        if (output is null or JsonObject { Count: 0 })
        {
            return new ReviewVerdict(false, ["The step produced no output."]);
        }
        if (output is not JsonObject report || !report.ContainsKey("summary"))
        {
            return ReviewVerdict.Approve;
        }

        var issues = new List<string>();
        if (report["summary"] is not JsonValue summary || !summary.TryGetValue<string>(out var summaryText) || string.IsNullOrWhiteSpace(summaryText))
        {
            issues.Add("The summary is empty.");
        }
        if (report["findings"] is not JsonArray)
        {
            issues.Add("The report has no findings list.");
        }

        var known = Grounding.Known(report["metrics"]);
        foreach (var (where, text) in Texts(report))
        {
            issues.AddRange(Grounding.Ungrounded(where, text, known));
        }
        return issues.Count == 0 ? ReviewVerdict.Approve : new ReviewVerdict(false, issues);
    }

    private static IEnumerable<(string Where, string Text)> Texts(JsonObject report)
    {
        if (report["summary"] is JsonValue s && s.TryGetValue<string>(out var summary))
        {
            yield return ("The summary", summary);
        }
        foreach (var (list, label) in new[] { ("findings", "Finding"), ("recommendations", "Recommendation") })
        {
            if (report[list] is not JsonArray items)
            {
                continue;
            }
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var field in new[] { "title", "detail" })
                {
                    if (items[i]?[field] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        yield return ($"{label} {i + 1} ({field})", text);
                    }
                }
            }
        }
    }
}
