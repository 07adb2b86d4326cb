using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Process;

/// <summary>
/// Mines an event log: profile the table, settle which columns are the case, activity and time,
/// measure waits, cycle times, rework and variants, then report findings traceable to those metrics.
/// </summary>
public sealed class ProcessAnalysis : IAnalysis
{
    public const string AnalysisType = "process_analysis";

    private static readonly IReadOnlyList<IAnalysisStep> AllSteps =
        [new ProfileStep(), new RolesStep(), new MineStep(), new ProcessReportStep()];

    public string Type => AnalysisType;

    public IReadOnlyList<IAnalysisStep> Steps => AllSteps;
}
