using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Teams;

/// <summary>
/// A step's <c>when</c>: <c>&lt;tool&gt;.&lt;path&gt; &lt;op&gt; [value]</c>, where op is <c>exists</c>,
/// <c>missing</c>, <c>==</c>, <c>!=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c> or <c>&lt;=</c>, the path
/// walks object keys of that tool's output, and the value is a number, true, false, null or text.
/// </summary>
public sealed record StepCondition(string Tool, IReadOnlyList<string> Path, string Operator, string? Value)
{
    private static readonly string[] Operators = ["exists", "missing", "==", "!=", ">=", "<=", ">", "<"];

    public static StepCondition Parse(string text)
    {
        var parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || !Operators.Contains(parts[1]))
        {
            throw new TeamDefinitionException([$"Condition '{text}' is not '<tool>.<path> <op> [value]' with op one of {string.Join(", ", Operators)}."]);
        }
        var path = parts[0].Split('.');
        var unary = parts[1] is "exists" or "missing";
        if (path.Length < 2 || path.Any(string.IsNullOrEmpty) || unary != (parts.Length == 2))
        {
            throw new TeamDefinitionException([$"Condition '{text}' is not '<tool>.<path> <op> [value]'."]);
        }
        return new StepCondition(path[0], path[1..], parts[1], unary ? null : parts[2].Trim('"', '\''));
    }

    public bool Holds(IReadOnlyDictionary<string, JsonNode> outputs)
    {
        JsonNode? node = outputs.TryGetValue(Tool, out var output) ? output : null;
        foreach (var key in Path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(key, out var child) ? child : null;
        }
        if (Operator == "exists")
        {
            return node is not null;
        }
        if (Operator == "missing")
        {
            return node is null;
        }
        if (node.TryGetNumber(out var number)
            && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var target))
        {
            return Operator switch
            {
                "==" => number == target,
                "!=" => number != target,
                ">" => number > target,
                ">=" => number >= target,
                "<" => number < target,
                _ => number <= target,
            };
        }
        var text = node switch
        {
            null => "null",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
        return Operator switch
        {
            "==" => text == Value,
            "!=" => text != Value,
            _ => false,
        };
    }
}
