using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses;

/// <summary>What one analysis step sees: the parsed data and the request's free-form parts.</summary>
public sealed record AnalysisInput(
    string Type,
    DataTable Table,
    string? Question,
    IReadOnlyDictionary<string, string> Options);

/// <summary>
/// One checkpointed unit of an analysis. Steps are pure and deterministic: the job stores each
/// step's JSON output before the next starts, so a job resumed on another silo skips finished steps.
/// </summary>
public interface IAnalysisStep
{
    /// <summary>Stable machine name (used as checkpoint key and SSE <c>current_step</c>).</summary>
    string Name { get; }

    /// <summary>Runs the step. <paramref name="previous"/> holds the outputs of the steps before it, by name.</summary>
    JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken);
}

/// <summary>An analysis type: an ordered list of steps whose last output is the report body.</summary>
public interface IAnalysis
{
    /// <summary>The API's analysis type, e.g. <c>data_interpretation</c>.</summary>
    string Type { get; }

    IReadOnlyList<IAnalysisStep> Steps { get; }
}
