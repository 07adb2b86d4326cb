using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics.Process;

namespace Actors.Analyses.Process;

/// <summary>
/// The <c>roles</c> step's output: <c>{ "case_field", "activity_field", "time_field", "end_time_field",
/// "resource_field" }</c>, the last two null when the log has no such column.
/// </summary>
internal static class RolesJson
{
    public static JsonObject Write(EventLogFields fields) => new()
    {
        ["case_field"] = fields.Case,
        ["activity_field"] = fields.Activity,
        ["time_field"] = fields.Time,
        ["end_time_field"] = fields.EndTime,
        ["resource_field"] = fields.Resource,
    };

    public static EventLogFields Read(JsonNode? node)
    {
        var json = JsonValues.Object(node, "roles");
        return new EventLogFields(
            JsonValues.String(json["case_field"], "roles.case_field"),
            JsonValues.String(json["activity_field"], "roles.activity_field"),
            JsonValues.String(json["time_field"], "roles.time_field"),
            Optional(json, "end_time_field"),
            Optional(json, "resource_field"));
    }

    private static string? Optional(JsonObject json, string key) =>
        json[key] is null ? null : JsonValues.String(json[key], $"roles.{key}");
}
