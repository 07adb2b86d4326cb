using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses.DataInterpretation;

/// <summary>IQR outliers per numeric column, fenced with the quartiles the profile step recorded.</summary>
public sealed class OutliersStep : IAnalysisStep
{
    public const string StepName = "outliers";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var profile = ProfileJson.Read(StepOutputs.Require(previous, ProfileStep.StepName, StepName));
        return OutliersJson.Write(Outliers.Detect(input.Table, profile, cancellationToken));
    }
}
