namespace Actors.Agents;

/// <summary>The names of the agents every tenant has; the team engine's defaults refer to them.</summary>
public static class BuiltInAgentNames
{
    public const string BusinessAnalyst = "business_analyst";
    public const string ProcessOptimizer = "process_optimizer";
    public const string DataInterpreter = "data_interpreter";
    public const string ReportWriter = "report_writer";
    public const string QualityReviewer = "quality_reviewer";
}
