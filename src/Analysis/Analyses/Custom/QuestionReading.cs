using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Custom;

/// <summary>
/// What the rules made of a question: the intents, and the words they could not place (neither a
/// column, nor an intent keyword, nor a common word). The <c>intent</c> step's output:
/// <code>{ "question", "intents": [QuestionIntent], "not_understood": [word] }</code>
/// </summary>
internal sealed record QuestionReading(string Question, IReadOnlyList<QuestionIntent> Intents, IReadOnlyList<string> NotUnderstood)
{
    public JsonObject ToJson() => new()
    {
        ["question"] = Question,
        ["intents"] = new JsonArray([.. Intents.Select(i => (JsonNode)i.ToJson())]),
        ["not_understood"] = new JsonArray([.. NotUnderstood.Select(w => (JsonNode)JsonValue.Create(w))]),
    };

    public static QuestionReading Read(JsonNode? node)
    {
        var json = JsonValues.Object(node, "intent");
        return new QuestionReading(
            JsonValues.String(json["question"], "intent.question"),
            [.. JsonValues.Array(json["intents"], "intent.intents").Select(QuestionIntent.Read)],
            [.. JsonValues.Array(json["not_understood"], "intent.not_understood").Select(w => JsonValues.String(w, "intent.not_understood[]"))]);
    }
}
