using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Actors.Teams;

/// <summary>
/// The deterministic quality gate. A report body must have a summary and findings, and every
/// number in its summary, findings and recommendations must match a number in its metrics (to the
/// decimals the text shows). Names in quotes and ISO dates are not read as numbers. Any other
/// output must simply not be empty.
/// </summary>
public static partial class QualityReview
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

        var known = new List<double>();
        CollectNumbers(report["metrics"], known);
        foreach (var (where, text) in Texts(report))
        {
            foreach (var printed in NumbersIn(text))
            {
                if (!known.Any(m => Matches(m, printed)))
                {
                    issues.Add($"{where} states {printed.Text}, which is not in the metrics.");
                }
            }
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

    private static IEnumerable<(double Value, int Decimals, string Text)> NumbersIn(string text)
    {
        var plain = Quoted().Replace(IsoDate().Replace(text, " "), " ");
        foreach (Match match in Number().Matches(plain))
        {
            var token = match.Value;
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var dot = token.IndexOf('.');
                yield return (value, dot < 0 ? 0 : token.Length - dot - 1, match.Value);
            }
        }
    }

    private static bool Matches(double metric, (double Value, int Decimals, string Text) printed)
    {
        var tolerance = 0.5 * Math.Pow(10, -printed.Decimals) + 1e-9;
        return Math.Abs(metric - printed.Value) <= tolerance || Math.Abs(Math.Abs(metric) - Math.Abs(printed.Value)) <= tolerance;
    }

    private static void CollectNumbers(JsonNode? node, List<double> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    CollectNumbers(child, into);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CollectNumbers(child, into);
                }
                break;
            case JsonValue value when value.TryGetNumber(out var number):
                into.Add(number);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                into.Add(parsed);
                break;
        }
    }

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")]
    private static partial Regex IsoDate();
}
