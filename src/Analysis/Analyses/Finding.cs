using System.Text.Json.Nodes;

namespace Actors.Analyses;

/// <summary>
/// One observation in the report. <see cref="Evidence"/> names the metric it rests on and carries the
/// metric values exactly as they appear in the report's metrics.
/// </summary>
internal sealed record Finding(string Title, Severity Severity, string Detail, JsonObject Evidence, Recommendation? Recommendation);
