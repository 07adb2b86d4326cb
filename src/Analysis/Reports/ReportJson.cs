using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// Lenient reads of report JSON. Reports come from several analyses (and older versions of them), so a
/// missing or oddly typed field yields null or an empty list, never an exception.
/// </summary>
internal static class ReportJson
{
    private const int MaxDepth = 3;
    private const int MaxItems = 5;

    public static JsonObject? Object(JsonNode? node) => node as JsonObject;

    public static IReadOnlyList<JsonNode?> Items(JsonNode? node) => node is JsonArray array ? [.. array] : [];

    public static bool IsScalar(JsonNode? node) => node is null or JsonValue;

    /// <summary>A finite number, or a string holding one; NaN, infinities and anything else read as null.</summary>
    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }
        double? read = value.TryGetValue(out double d) ? d
            : value.TryGetValue(out int i) ? i
            : value.TryGetValue(out long l) ? l
            : value.TryGetValue(out decimal m) ? (double)m
            : value.TryGetValue(out float f) ? f
            : value.TryGetValue(out string? s) ? Parse(s)
            : value.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number ? Parse(e.GetRawText())
            : null;
        return read is { } r && double.IsFinite(r) ? r : null;
    }

    public static double? Number(JsonObject? json, params string[] keys) => Number(First(json, keys));

    /// <summary>A scalar as text: strings as they are, numbers formatted, booleans in lower case.</summary>
    public static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }
        if (value.TryGetValue(out string? s))
        {
            return s;
        }
        if (value.TryGetValue(out bool b))
        {
            return b ? "true" : "false";
        }
        if (Number(value) is { } number)
        {
            return ReportNumbers.Format(number);
        }
        // A number node that is not finite (only possible for nodes built in memory).
        return IsNumberKind(value) ? ReportNumbers.NotAvailable : null;
    }

    public static string? Text(JsonObject? json, params string[] keys) => Text(First(json, keys));

    /// <summary>The first of <paramref name="keys"/> present with a non-null value.</summary>
    public static JsonNode? First(JsonObject? json, params string[] keys)
    {
        if (json is null)
        {
            return null;
        }
        foreach (var key in keys)
        {
            if (json[key] is { } node)
            {
                return node;
            }
        }
        return null;
    }

    /// <summary>
    /// A one-line rendering of any node for table cells and evidence: nesting is cut at a few levels
    /// and a few items, and the result at <paramref name="budget"/> characters, so a huge array cannot
    /// flood a line.
    /// </summary>
    public static string Compact(JsonNode? node, int budget = 160)
    {
        var text = new StringBuilder();
        Append(text, node, 0, budget);
        return Truncate(text.ToString(), budget);
    }

    /// <summary>An object's fields as <c>key: value, …</c> without the surrounding braces.</summary>
    public static string CompactFields(JsonObject json, int budget = 240)
    {
        var text = new StringBuilder();
        AppendFields(text, json, 0, budget);
        return Truncate(text.ToString(), budget);
    }

    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(0, max - 1)), "…");

    private static void Append(StringBuilder text, JsonNode? node, int depth, int budget)
    {
        if (text.Length > budget)
        {
            return;
        }
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonValue value:
                // Serialising an arbitrary in-memory value could throw; it has no readable form anyway.
                text.Append(Text(value) ?? "?");
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[]");
                break;
            case JsonArray array when depth >= MaxDepth:
                text.Append('[').Append(Items(array.Count)).Append(']');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < Math.Min(array.Count, MaxItems) && text.Length <= budget; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }
                    Append(text, array[i], depth + 1, budget);
                }
                if (array.Count > MaxItems)
                {
                    text.Append(", … ").Append(array.Count - MaxItems).Append(" more");
                }
                text.Append(']');
                break;
            case JsonObject json when json.Count == 0:
                text.Append("{}");
                break;
            case JsonObject json when depth >= MaxDepth:
                text.Append("{…}");
                break;
            case JsonObject json:
                text.Append('{');
                AppendFields(text, json, depth, budget);
                text.Append('}');
                break;
        }
    }

    private static void AppendFields(StringBuilder text, JsonObject json, int depth, int budget)
    {
        var first = true;
        foreach (var (key, value) in json)
        {
            if (text.Length > budget)
            {
                return;
            }
            if (!first)
            {
                text.Append(", ");
            }
            first = false;
            text.Append(key).Append(": ");
            Append(text, value, depth + 1, budget);
        }
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{count.ToString(CultureInfo.InvariantCulture)} items";

    private static double? Parse(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static bool IsNumberKind(JsonValue value)
    {
        try
        {
            return value.GetValueKind() == JsonValueKind.Number;
        }
        catch (InvalidOperationException)
        {
            // Values wrapping arbitrary CLR objects have no JSON kind.
            return false;
        }
    }
}
