using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Custom;

/// <summary>
/// One thing a question asks, with its columns. <see cref="Aggregate"/> says how values are combined:
/// <c>mean</c>, <c>median</c>, <c>sum</c>, <c>count</c> (rows per group), <c>distinct</c>, <c>rows</c>,
/// or null for row-level extremes and intents that do not aggregate.
/// </summary>
/// <param name="Measures">Numeric columns the intent is about, in the order the question names them.</param>
/// <param name="GroupBy">A column whose labels split the rows into groups.</param>
/// <param name="Time">The time axis of a trend.</param>
/// <param name="TopN">How many groups a ranking lists.</param>
/// <param name="Ascending">A ranking from the bottom (lowest first).</param>
internal sealed record QuestionIntent(
    IntentKind Kind,
    IReadOnlyList<string> Measures,
    string? GroupBy = null,
    string? Time = null,
    string? Aggregate = null,
    int? TopN = null,
    bool Ascending = false)
{
    /// <summary>Every column involved: measures, then the group or time column.</summary>
    public IReadOnlyList<string> Columns =>
        [.. Measures.Concat(new[] { GroupBy, Time }.OfType<string>()).Distinct(StringComparer.Ordinal)];

    public string Key => ToJson().ToJsonString();

    /// <summary><c>{ "intent", "columns", "measures", "group_by"?, "time_field"?, "aggregate"?, "top_n"?, "order"? }</c>, absent parts omitted.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["intent"] = Kind.ToName(),
            ["columns"] = Strings(Columns),
            ["measures"] = Strings(Measures),
        };
        if (GroupBy is not null)
        {
            json["group_by"] = GroupBy;
        }
        if (Time is not null)
        {
            json["time_field"] = Time;
        }
        if (Aggregate is not null)
        {
            json["aggregate"] = Aggregate;
        }
        if (TopN is { } n)
        {
            json["top_n"] = n;
            json["order"] = Ascending ? "asc" : "desc";
        }
        return json;
    }

    public static QuestionIntent Read(JsonNode? node)
    {
        var json = JsonValues.Object(node, "intent.intents[]");
        return new QuestionIntent(
            IntentKindNames.Parse(JsonValues.String(json["intent"], "intent.intents[].intent")),
            [.. JsonValues.Array(json["measures"], "intent.intents[].measures").Select(m => JsonValues.String(m, "intent.intents[].measures[]"))],
            Optional(json, "group_by"),
            Optional(json, "time_field"),
            Optional(json, "aggregate"),
            json["top_n"] is { } n ? JsonValues.Int(n, "intent.intents[].top_n") : null,
            Optional(json, "order") == "asc");
    }

    private static string? Optional(JsonObject json, string key) =>
        json[key] is { } value ? JsonValues.String(value, $"intent.intents[].{key}") : null;

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
