using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;

namespace Actors.Analyses.Optimization;

/// <summary>
/// Settles which columns the review uses (see <see cref="ReviewFields"/>). Throws
/// <see cref="DataFormatException"/> naming <c>options.category_field</c> / <c>options.value_field</c>
/// when the data has no category or no numeric value.
/// </summary>
public sealed class ReviewRolesStep : IAnalysisStep
{
    public const string StepName = "roles";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var profile = ProfileJson.Read(StepOutputs.Require(previous, ProfileStep.StepName, StepName));
        return ReviewFields.Settle(input.Table, profile, input.Options).ToJson();
    }
}
