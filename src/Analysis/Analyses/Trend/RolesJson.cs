using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Trend;

/// <summary>The <c>roles</c> step's output: which column is time and which are the values.</summary>
internal static class RolesJson
{
    public static JsonObject Write(string time, IReadOnlyList<string> values) => new()
    {
        ["time_field"] = time,
        ["value_fields"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]),
    };

    public static (string Time, IReadOnlyList<string> Values) Read(JsonNode? node)
    {
        var json = JsonValues.Object(node, "roles");
        var time = JsonValues.String(json["time_field"], "roles.time_field");
        var values = JsonValues.Array(json["value_fields"], "roles.value_fields")
            .Select(v => JsonValues.String(v, "roles.value_fields[]"))
            .ToArray();
        return (time, values);
    }
}
