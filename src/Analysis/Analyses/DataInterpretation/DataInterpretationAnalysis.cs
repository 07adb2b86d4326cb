namespace Actors.Analyses.DataInterpretation;

/// <summary>
/// Describes an uploaded table: profile each column, correlate the numeric ones, flag outliers, then
/// write a report whose every figure traces back to the earlier steps' metrics.
/// </summary>
public sealed class DataInterpretationAnalysis : IAnalysis
{
    public const string AnalysisType = "data_interpretation";

    private static readonly IReadOnlyList<IAnalysisStep> AllSteps =
        [new ProfileStep(), new CorrelateStep(), new OutliersStep(), new ReportStep()];

    public string Type => AnalysisType;

    public IReadOnlyList<IAnalysisStep> Steps => AllSteps;
}
