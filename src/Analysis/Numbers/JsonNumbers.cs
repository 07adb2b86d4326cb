using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Numbers;

public static class JsonNumbers
{
    /// <summary>A number node, or null for a non-finite value, which JSON cannot carry.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    public static JsonNode? Number(double? value) => value is { } v ? Number(v) : null;

    /// <summary>
    /// The number in a JSON value whatever CLR type built it: <c>TryGetValue&lt;double&gt;</c> alone
    /// misses values created from an int or a decimal.
    /// </summary>
    public static bool TryGetNumber(this JsonNode? node, out double number)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        }
        number = 0;
        return false;
    }
}
