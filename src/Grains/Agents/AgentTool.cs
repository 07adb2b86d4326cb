using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Actors.Agents;

/// <summary>
/// One engine computation offered to a model: its name, what it does, its parameters' JSON schema
/// written out (so the model sees snake_case names and plain types), and the computation. The model's
/// arguments arrive as JSON; a result is returned as JSON text.
/// </summary>
public sealed class AgentTool(string name, string description, JsonObject parameters, Func<ToolArguments, CancellationToken, JsonNode> compute) : AIFunction
{
    private readonly JsonElement _schema = JsonSerializer.SerializeToElement(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = parameters,
        ["additionalProperties"] = false,
    });

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => _schema;

    /// <summary>Runs the computation on arguments already read (what <see cref="AgentToolbox"/> calls, to log and bound the result).</summary>
    public JsonNode Compute(ToolArguments arguments, CancellationToken cancellationToken) => compute(arguments, cancellationToken);

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object?>(Compute(ToolArguments.From(arguments), cancellationToken).ToJsonString());

    public static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    public static JsonObject Integer(string description) => new() { ["type"] = "integer", ["description"] = description };

    public static JsonObject Texts(string description) => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = description };

    public static JsonObject Choice(string description, IEnumerable<string> values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]), ["description"] = description };
}
