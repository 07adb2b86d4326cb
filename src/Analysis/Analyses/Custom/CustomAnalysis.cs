namespace Actors.Analyses.Custom;

/// <summary>
/// Answers a free-form question (<c>input.Question</c>, optional) with rules and statistics; what the
/// rules cannot answer is said plainly to need an LLM provider. Documented in
/// <c>docs/analyses/custom_analysis.md</c>.
/// <para>Steps: <c>profile</c> (as data_interpretation), <c>intent</c> (rule-based reading of the question:
/// overview, mean, median, sum, max, min, count, trend, correlation, top, missing, outliers, and explain for
/// why/predict/advise, with the columns it names), <c>answer</c> (each intent computed), <c>report</c>.</para>
/// <para><c>metrics</c>:
/// <list type="bullet">
/// <item><c>question</c>: the question as asked, or null;</item>
/// <item><c>intents</c>: <c>[{intent, columns, measures, group_by?, time_field?, aggregate?, top_n?, order?, answered, reason?}]</c>;</item>
/// <item><c>answers</c>: <c>[{intent, columns, …}]</c>, one per answered intent, with the figures
/// (<c>value</c>, <c>n</c>, <c>row</c>, <c>category</c>, <c>groups:[{category, value}]</c>, <c>group_count</c>,
/// <c>pearson</c>, trend <c>first</c>/<c>last</c>/<c>change</c>/<c>change_pct</c>/<c>slope_per_period</c>, …);</item>
/// <item><c>needs_llm</c>: true when there is no question, nothing was recognised, an intent could not be
/// answered (always for explain), or words were not understood; <c>not_understood</c>: those words;</item>
/// <item><c>rows</c>, <c>column_count</c>, <c>numeric_columns</c>, <c>complete_row_pct</c>, <c>columns</c>: the profile basics.</item>
/// </list>
/// Values carry four decimals and percentages two; every number in the report text is one of them.</para>
/// </summary>
public sealed class CustomAnalysis : IAnalysis
{
    public const string AnalysisType = "custom_analysis";

    private static readonly IReadOnlyList<IAnalysisStep> AllSteps =
        [new DataInterpretation.ProfileStep(), new IntentStep(), new AnswerStep(), new AnswerReportStep()];

    public string Type => AnalysisType;

    public IReadOnlyList<IAnalysisStep> Steps => AllSteps;
}
