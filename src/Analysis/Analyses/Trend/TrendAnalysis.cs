using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Trend;

/// <summary>
/// Follows numeric fields over a time field: profile the table, settle which columns are time and
/// values, measure each series (trend line, growth, season, anomalies, forecast), then report from
/// those measurements alone.
/// </summary>
public sealed class TrendAnalysis : IAnalysis
{
    public const string AnalysisType = "trend_analysis";

    private static readonly IReadOnlyList<IAnalysisStep> AllSteps =
        [new ProfileStep(), new RolesStep(), new TrendStep(), new TrendReportStep()];

    public string Type => AnalysisType;

    public IReadOnlyList<IAnalysisStep> Steps => AllSteps;
}
