using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics.Optimization;

namespace Actors.Analyses.Optimization;

/// <summary>Ranks the categories by their total value and finds the vital few (see <see cref="ParetoJson"/>).</summary>
public sealed class ParetoStep : IAnalysisStep
{
    public const string StepName = "pareto";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = ReviewFields.Read(StepOutputs.Require(previous, ReviewRolesStep.StepName, StepName));
        var pareto = Pareto.Of(input.Table, fields.Category, fields.Value, cancellationToken);
        return ParetoJson.Write(pareto, fields.Category, fields.Value);
    }
}
