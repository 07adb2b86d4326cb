using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Actors.Numbers;

/// <summary>
/// The grounding rule every writer of report text is held to, whether a rule, a template or an LLM
/// wrote it: every number in the text must match a known number (from the metrics or a tool's result)
/// to the decimals the text shows. Names in quotes and ISO dates are not read as numbers.
/// </summary>
public static partial class Grounding
{
    /// <summary>A number as written in text: its value, the decimals shown, and the characters.</summary>
    public readonly record struct PrintedNumber(double Value, int Decimals, string Text);

    /// <summary>
    /// Checks one answer against the metrics and the numbers the tools returned while it was written;
    /// the issues name every number that traces to neither (empty: grounded).
    /// </summary>
    public static IReadOnlyList<string> Check(string text, JsonNode? metrics, IEnumerable<double> toolNumbers)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ["The answer is empty."];
        }
        var known = Known(metrics);
        known.AddRange(toolNumbers.Where(double.IsFinite));
        return Ungrounded("The summary", text, known);
    }

    /// <summary>One issue per number in <paramref name="text"/> that matches none of <paramref name="known"/>.</summary>
    public static IReadOnlyList<string> Ungrounded(string where, string text, IReadOnlyCollection<double> known) =>
        NumbersIn(text)
            .Where(printed => !known.Any(k => Matches(k, printed)))
            .Select(printed => $"{where} states {printed.Text}, which is not in the metrics.")
            .ToList();

    /// <summary>Every number in a JSON tree (numbers, and strings that are numbers), in document order.</summary>
    public static List<double> Known(JsonNode? node)
    {
        var into = new List<double>();
        Collect(node, into);
        return into;
    }

    public static IEnumerable<PrintedNumber> NumbersIn(string text)
    {
        var plain = Quoted().Replace(IsoDate().Replace(text, " "), " ");
        foreach (Match match in Number().Matches(plain))
        {
            var token = match.Value;
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var dot = token.IndexOf('.');
                yield return new PrintedNumber(value, dot < 0 ? 0 : token.Length - dot - 1, token);
            }
        }
    }

    /// <summary>Rounding to the decimals shown is fine, and so is a sign the sentence already says ("fell by 3").</summary>
    public static bool Matches(double known, PrintedNumber printed)
    {
        var tolerance = 0.5 * Math.Pow(10, -printed.Decimals) + 1e-9;
        return Math.Abs(known - printed.Value) <= tolerance || Math.Abs(Math.Abs(known) - Math.Abs(printed.Value)) <= tolerance;
    }

    private static void Collect(JsonNode? node, List<double> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, into);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, into);
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
