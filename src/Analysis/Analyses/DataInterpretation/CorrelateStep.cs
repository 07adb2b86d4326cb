using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses.DataInterpretation;

/// <summary>Pearson correlations between numeric columns, using the column types the profile step settled.</summary>
public sealed class CorrelateStep : IAnalysisStep
{
    public const string StepName = "correlate";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var profile = ProfileJson.Read(StepOutputs.Require(previous, ProfileStep.StepName, StepName));
        return CorrelationsJson.Write(Correlations.Pearson(input.Table, profile, cancellationToken));
    }
}
