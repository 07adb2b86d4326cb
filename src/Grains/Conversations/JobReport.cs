using System.Text.Json;

namespace Actors.Conversations;

/// <summary>A bound job as the answers see it: its type and status, and its report once completed.</summary>
public sealed record JobReport(string JobId, string Type, string Status, JsonElement? Report)
{
    public JsonElement? Metrics => Report is { } r && r.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object ? m : null;
}
