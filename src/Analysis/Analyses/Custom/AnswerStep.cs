using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Custom;

/// <summary>
/// Computes every recognised intent (see <see cref="IntentAnswers"/>). Output:
/// <code>
/// { "intents": [{ …intent, "answered": bool, "reason"? }], "answers": [{ "intent", "columns", …figures }],
///   "needs_llm": bool }
/// </code>
/// <c>needs_llm</c> is true when there is no question, no intent was recognised, an intent could not be
/// answered (always so for why/predict/advise), or some words of the question were not understood.
/// </summary>
public sealed class AnswerStep : IAnalysisStep
{
    public const string StepName = "answer";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var profileJson = JsonValues.Object(StepOutputs.Require(previous, ProfileStep.StepName, StepName), "profile");
        var reading = QuestionReading.Read(StepOutputs.Require(previous, IntentStep.StepName, StepName));
        var answers = new IntentAnswers(input.Table, ProfileJson.Read(profileJson), profileJson, cancellationToken);

        var intents = new JsonArray();
        var results = new JsonArray();
        var allAnswered = true;
        foreach (var intent in reading.Intents)
        {
            var (answer, reason) = answers.For(intent);
            var json = intent.ToJson();
            json["answered"] = answer is not null;
            if (answer is null)
            {
                json["reason"] = reason;
                allAnswered = false;
            }
            else
            {
                results.Add(answer);
            }
            intents.Add(json);
        }
        var needsLlm = reading.Question.Length == 0 || reading.Intents.Count == 0 || !allAnswered || reading.NotUnderstood.Count > 0;
        return new JsonObject
        {
            ["intents"] = intents,
            ["answers"] = results,
            ["needs_llm"] = needsLlm,
        };
    }
}
