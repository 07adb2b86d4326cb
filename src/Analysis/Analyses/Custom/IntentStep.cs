using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;

namespace Actors.Analyses.Custom;

/// <summary>Reads the question into intents with rules (see <see cref="QuestionReader"/>); output shape on <see cref="QuestionReading"/>.</summary>
public sealed class IntentStep : IAnalysisStep
{
    public const string StepName = "intent";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var profile = ProfileJson.Read(StepOutputs.Require(previous, ProfileStep.StepName, StepName));
        var roles = FieldRoleDetector.Detect(input.Table, profile, input.Options);
        return QuestionReader.Read(input.Question, profile, roles).ToJson();
    }
}
