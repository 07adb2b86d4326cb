using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Actors.Agents;

/// <summary>
/// A tool call's arguments as JSON, read leniently where models are careless (a number sent as a
/// string, one condition sent where a list was asked for) and strictly where it matters (a wrong type
/// is a <see cref="ToolArgumentException"/> the model is shown).
/// </summary>
public sealed class ToolArguments(JsonObject json)
{
    public JsonObject Json => json;

    public static ToolArguments From(AIFunctionArguments arguments)
    {
        var json = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            json[name] = value switch
            {
                null => null,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                JsonNode node => node.DeepClone(),
                _ => JsonSerializer.SerializeToNode(value),
            };
        }
        return new ToolArguments(json);
    }

    public string? Text(string name) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text,
        JsonValue value => value.ToJsonString(),
        _ => throw new ToolArgumentException($"'{name}' must be a string."),
    };

    public string RequiredText(string name) => Text(name) ?? throw new ToolArgumentException($"'{name}' is required.");

    public int? Integer(string name) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) && real == Math.Floor(real) && Math.Abs(real) < int.MaxValue => (int)real,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new ToolArgumentException($"'{name}' must be a whole number."),
    };

    public double Number(string name) => json[name] switch
    {
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        null => throw new ToolArgumentException($"'{name}' is required."),
        _ => throw new ToolArgumentException($"'{name}' must be a number."),
    };

    public IReadOnlyList<string>? Texts(string name) => json[name] switch
    {
        null => null,
        JsonArray array => [.. array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? "")],
        JsonValue value when value.TryGetValue<string>(out var one) => one.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        _ => throw new ToolArgumentException($"'{name}' must be a list of strings."),
    };

    public IReadOnlyList<RowCondition>? Conditions(string name) => json[name] switch
    {
        null => null,
        JsonArray array => [.. array.Select(Condition)],
        JsonObject one => [Condition(one)],
        _ => throw new ToolArgumentException($"'{name}' must be a list of {{column, op, value}} objects."),
    };

    private static RowCondition Condition(JsonNode? node)
    {
        var item = node as JsonObject ?? throw new ToolArgumentException("Each condition must be an object {column, op, value}.");
        var condition = new ToolArguments(item);
        return new RowCondition(condition.RequiredText("column"), condition.RequiredText("op"), condition.Text("value") ?? "");
    }
}
