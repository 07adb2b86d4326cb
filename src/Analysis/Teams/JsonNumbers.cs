using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Teams;

internal static class JsonNumbers
{
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
