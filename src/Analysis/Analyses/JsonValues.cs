using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Analyses;

/// <summary>
/// Reads and writes the scalar parts of step outputs. Reading must accept both shapes a step output
/// can arrive in: nodes built in memory (typed values) and nodes parsed back from a checkpoint.
/// </summary>
internal static class JsonValues
{
    public static JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw Malformed(path, "an object");

    public static JsonArray Array(JsonNode? node, string path) =>
        node as JsonArray ?? throw Malformed(path, "an array");

    public static string String(JsonNode? node, string path) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Malformed(path, "a string");

    public static double Double(JsonNode? node, string path) =>
        NullableDouble(node, path) ?? throw Malformed(path, "a number");

    public static double? NullableDouble(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            throw Malformed(path, "a number");
        }
        if (value.TryGetValue(out double d))
        {
            return d;
        }
        if (value.TryGetValue(out int i))
        {
            return i;
        }
        if (value.TryGetValue(out long l))
        {
            return l;
        }
        return value.Deserialize<double>();
    }

    public static int Int(JsonNode? node, string path)
    {
        var value = Double(node, path);
        return value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw Malformed(path, "an integer");
    }

    private static InvalidOperationException Malformed(string path, string expected) =>
        new($"Step output is malformed: '{path}' should be {expected}.");
}
