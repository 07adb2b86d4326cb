using System.Text.Json.Nodes;

namespace Actors.Teams;

/// <summary>
/// How one step of a team ran: by which agents, whether its condition skipped it, how often the
/// quality gate sent it back and what it still objected to, and how several answers were merged.
/// Stored with the step's output as the job's checkpoint, and shown in the report's provenance.
/// </summary>
public sealed record TeamStepRecord(
    string Tool,
    IReadOnlyList<string> Agents,
    bool Skipped,
    int ReviewRounds,
    IReadOnlyList<string> OpenIssues,
    string? Merge,
    string? Reviewer,
    double LatencyMs)
{
    public JsonObject ToJson() => new()
    {
        ["tool"] = Tool,
        ["agents"] = new JsonArray(Agents.Select(a => (JsonNode)a).ToArray()),
        ["skipped"] = Skipped,
        ["review_rounds"] = ReviewRounds,
        ["reviewer"] = Reviewer,
        ["open_issues"] = new JsonArray(OpenIssues.Select(i => (JsonNode)i).ToArray()),
        ["merge"] = Merge,
    };

    public static TeamStepRecord FromJson(JsonObject json) => new(
        json["tool"]!.GetValue<string>(),
        json["agents"]!.AsArray().Select(a => a!.GetValue<string>()).ToList(),
        json["skipped"]!.GetValue<bool>(),
        json["review_rounds"]!.GetValue<int>(),
        json["open_issues"]!.AsArray().Select(i => i!.GetValue<string>()).ToList(),
        json["merge"]?.GetValue<string>(),
        json["reviewer"]?.GetValue<string>(),
        0);
}

/// <summary>A finished step: its output (null when skipped) and how it ran; <see cref="CheckpointJson"/> is what the job stores.</summary>
public sealed record TeamStepDone(TeamStepRecord Record, JsonNode? Output)
{
    public string CheckpointJson => new JsonObject { ["output"] = Output?.DeepClone(), ["record"] = Record.ToJson() }.ToJsonString();

    public static TeamStepDone FromCheckpoint(string json)
    {
        var checkpoint = JsonNode.Parse(json)!.AsObject();
        return new TeamStepDone(TeamStepRecord.FromJson(checkpoint["record"]!.AsObject()), checkpoint["output"]?.DeepClone());
    }
}
