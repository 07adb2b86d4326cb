using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses.DataInterpretation;

/// <summary>Infers column types and summarises every column; the later steps build on its output.</summary>
public sealed class ProfileStep : IAnalysisStep
{
    public const string StepName = "profile";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ProfileJson.Write(ColumnProfiler.Profile(input.Table, cancellationToken));
    }
}
