namespace Actors.Analyses.Optimization;

/// <summary>
/// Where to act first: a Pareto (80/20) ranking of a value over a category, automation candidates
/// among process steps, and cost/revenue per unit across categories. Documented in
/// <c>docs/analyses/optimization_review.md</c>.
/// <para>Steps: <c>profile</c>, <c>roles</c>, <c>pareto</c>, <c>candidates</c>, <c>ratios</c>, <c>report</c>.
/// The data needs a category (or activity) column and a numeric value column; they are detected or
/// named with <c>options.category_field</c> / <c>options.value_field</c> (also <c>activity_field</c>,
/// <c>case_field</c>, and <c>duration_field</c> for the wait used in scoring). Without them the
/// <c>roles</c> step throws a <see cref="Analytics.DataFormatException"/> naming those options.</para>
/// <para><c>metrics</c>:
/// <list type="bullet">
/// <item><c>rows</c>, <c>column_count</c>: the table's size;</item>
/// <item><c>fields</c>: the columns used: <c>category_field</c>, <c>value_field</c>, <c>step_field</c>,
/// <c>step_basis</c> (activity|category), <c>case_field</c>, <c>wait_field</c>, <c>volume_field</c>, <c>money_fields</c>;</item>
/// <item><c>pareto</c>: <c>{category_field, value_field, total, categories, threshold_pct (80), vital_few:[label],
/// vital_few_count, vital_few_share_pct (of categories), vital_few_value_pct (of the total),
/// top_20pct_count (⌈n/5⌉), top_20pct_share_pct, excluded_categories, excluded_total,
/// items:[{category, value, share_pct, cumulative_pct}]}</c>. Values are summed per category, a category
/// whose net total is negative is excluded (counted in <c>excluded_*</c>), ties rank by name, and the vital
/// few are the fewest leading categories reaching 80% of the total; lists hold at most 50 entries;</item>
/// <item><c>automation_basis</c>: <c>{step_field, step_basis, case_field, wait_field}</c>;</item>
/// <item><c>automation_candidates</c>: top 5 <c>[{step, count, row_share_pct, cases, repeat_cases,
/// repeat_share_pct, mean_wait, frequency_score, wait_score, score}]</c> with
/// score = frequency_score × (1 + wait_score) × (1 + repeat_share_pct / 100), where frequency_score is
/// count / the largest count and wait_score is mean_wait / the largest mean wait;</item>
/// <item><c>ratios</c>: null unless the data has a volume-like column (units, quantity, orders, …) and a
/// money-like one (cost, revenue, price, …); else <c>{category_field, volume_field, items:[{money_field,
/// kind, volume_field, lowest, highest, spread (highest/lowest per unit), categories:[{category, money,
/// volume, per_unit}]}]}</c>.</item>
/// </list>
/// Values carry four decimals and percentages two; every number in the report text is one of them.</para>
/// </summary>
public sealed class OptimizationReviewAnalysis : IAnalysis
{
    public const string AnalysisType = "optimization_review";

    private static readonly IReadOnlyList<IAnalysisStep> AllSteps =
    [
        new DataInterpretation.ProfileStep(),
        new ReviewRolesStep(),
        new ParetoStep(),
        new CandidatesStep(),
        new RatiosStep(),
        new ReviewReportStep(),
    ];

    public string Type => AnalysisType;

    public IReadOnlyList<IAnalysisStep> Steps => AllSteps;
}
