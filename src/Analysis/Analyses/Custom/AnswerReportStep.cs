using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analyses.Optimization;

namespace Actors.Analyses.Custom;

/// <summary>
/// Writes the custom analysis report from the earlier steps' outputs only (never the table): the summary
/// answers the question in one or two sentences, or says plainly that an LLM provider is needed and
/// gives the data overview instead.
/// </summary>
public sealed class AnswerReportStep : IAnalysisStep
{
    public const string StepName = "report";

    /// <summary>Charts drawn from answers (bars for groups, a line for a trend).</summary>
    public const int MaxCharts = 3;

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        var profile = JsonValues.Object(StepOutputs.Require(previous, ProfileStep.StepName, StepName), "profile");
        var reading = QuestionReading.Read(StepOutputs.Require(previous, IntentStep.StepName, StepName));
        var answered = JsonValues.Object(StepOutputs.Require(previous, AnswerStep.StepName, StepName), "answer");
        cancellationToken.ThrowIfCancellationRequested();

        var answers = JsonValues.Array(answered["answers"], "answer.answers").Select(a => JsonValues.Object(a, "answer.answers[]")).ToArray();
        var intents = JsonValues.Array(answered["intents"], "answer.intents").Select(i => JsonValues.Object(i, "answer.intents[]")).ToArray();
        var needsLlm = answered["needs_llm"]?.GetValue<bool>() ?? true;
        var described = answers.Select(AnswerSentences.Describe).ToArray();
        var findings = Findings(reading, intents, described, needsLlm);

        return new JsonObject
        {
            ["summary"] = Summary(reading, intents, described, needsLlm, profile),
            ["kpis"] = new JsonArray(
                ReportParts.Kpi("rows", profile["rows"], "rows"),
                ReportParts.Kpi("columns", profile["column_count"], "columns"),
                ReportParts.Kpi("intents", JsonValue.Create(intents.Length), "intents"),
                ReportParts.Kpi("answered", JsonValue.Create(answers.Length), "intents")),
            ["findings"] = ReportParts.Findings(findings),
            ["recommendations"] = ReportParts.Recommendations(findings),
            ["metrics"] = new JsonObject
            {
                ["question"] = reading.Question.Length == 0 ? null : reading.Question,
                ["intents"] = answered["intents"]?.DeepClone(),
                ["answers"] = answered["answers"]?.DeepClone(),
                ["needs_llm"] = needsLlm,
                ["not_understood"] = new JsonArray([.. reading.NotUnderstood.Select(w => (JsonNode)JsonValue.Create(w))]),
                ["rows"] = profile["rows"]?.DeepClone(),
                ["column_count"] = profile["column_count"]?.DeepClone(),
                ["numeric_columns"] = profile["numeric_columns"]?.DeepClone(),
                ["complete_row_pct"] = profile["complete_row_pct"]?.DeepClone(),
                ["columns"] = profile["columns"]?.DeepClone(),
            },
            ["charts"] = Charts(answers),
        };
    }

    private static string Summary(QuestionReading reading, JsonObject[] intents, (string Title, string Sentence)[] described, bool needsLlm, JsonObject profile)
    {
        if (reading.Question.Length == 0)
        {
            return $"No question was asked, so this is an overview; open questions need an LLM provider. {AnswerSentences.Overview(profile, "The data has")}";
        }
        if (!needsLlm)
        {
            return string.Join(" ", described.Take(2).Select(d => d.Sentence));
        }
        if (described.Length == 0)
        {
            return $"The statistical rules cannot answer this question; an LLM provider is needed to answer it{Because(reading, intents)}. {AnswerSentences.Overview(profile, "Meanwhile, the data has")}";
        }
        return $"An LLM provider is needed to answer this question fully{Because(reading, intents)}. What the statistics show: {described[0].Sentence}";
    }

    private static string Because(QuestionReading reading, JsonObject[] intents)
    {
        if (intents.Any(i => JsonValues.String(i["intent"], "intent") == "explain"))
        {
            return " (explaining causes, predicting or advising is beyond the rules)";
        }
        return reading.NotUnderstood.Count > 0 ? $" (the rules did not understand {Quoted(reading.NotUnderstood)})" : "";
    }

    private static List<Finding> Findings(QuestionReading reading, JsonObject[] intents, (string Title, string Sentence)[] described, bool needsLlm)
    {
        var findings = new List<Finding>();
        for (var i = 0; i < described.Length; i++)
        {
            findings.Add(new Finding(described[i].Title, Severity.Info, described[i].Sentence, new JsonObject { ["metric"] = "answers", ["index"] = i }, null));
        }
        for (var i = 0; i < intents.Length; i++)
        {
            var intent = intents[i];
            var name = JsonValues.String(intent["intent"], "intent");
            if (intent["answered"]?.GetValue<bool>() != false || name == "explain")
            {
                continue;
            }
            findings.Add(new Finding(
                $"The '{name}' part could not be answered",
                Severity.Warning,
                $"The '{name}' part of the question could not be answered: {JsonValues.String(intent["reason"], "reason")}.",
                new JsonObject { ["metric"] = "intents", ["index"] = i },
                null));
        }
        if (needsLlm)
        {
            var detail = reading.Question.Length == 0
                ? "No question was asked. The statistical engine answers questions about averages, medians, totals, extremes, counts, trends, correlations, rankings, missing values and outliers; anything else needs a language model."
                : "The statistical engine answers questions about averages, medians, totals, extremes, counts, trends, correlations, rankings, missing values and outliers; causes, forecasts, advice and other wording need a language model.";
            if (reading.NotUnderstood.Count > 0)
            {
                detail += $" Words not understood: {Quoted(reading.NotUnderstood)}.";
            }
            findings.Add(new Finding(
                "An LLM provider is needed",
                reading.Question.Length == 0 ? Severity.Info : Severity.Warning,
                detail,
                new JsonObject { ["metric"] = "needs_llm", ["needs_llm"] = true },
                new Recommendation(
                    "Configure an LLM provider",
                    "Enable a language model for this tenant to answer free-form questions; until then, ask for averages, totals, extremes, counts, trends, correlations, rankings, missing values or outliers of named columns.",
                    Level.Medium,
                    Level.Low)));
        }
        return [.. findings.OrderByDescending(f => f.Severity)];
    }

    private static JsonArray Charts(JsonObject[] answers)
    {
        var charts = new JsonArray();
        foreach (var answer in answers)
        {
            if (charts.Count == MaxCharts)
            {
                break;
            }
            var title = AnswerSentences.Describe(answer).Title;
            if (answer["groups"] is JsonArray groups)
            {
                charts.Add(new JsonObject
                {
                    ["kind"] = "bar",
                    ["title"] = title,
                    ["unit"] = answer["aggregate"]?.DeepClone(),
                    ["bars"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["label"] = g?["category"]?.DeepClone(), ["value"] = g?["value"]?.DeepClone() })]),
                });
            }
            else if (answer["series"] is JsonArray series)
            {
                charts.Add(new JsonObject
                {
                    ["kind"] = "line",
                    ["title"] = title,
                    ["unit"] = answer["aggregate"]?.DeepClone(),
                    ["points"] = new JsonArray([.. series.Select(p => (JsonNode)new JsonObject { ["label"] = p?["period"]?.DeepClone(), ["value"] = p?["value"]?.DeepClone() })]),
                });
            }
        }
        return charts;
    }

    private static string Quoted(IEnumerable<string> words) => string.Join(", ", words.Select(w => $"'{w}'"));
}
