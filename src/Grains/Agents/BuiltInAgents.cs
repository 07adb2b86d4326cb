namespace Actors.Agents;

/// <summary>The agents every tenant has. A tenant may override any of them; its own agents are added beside them.</summary>
public static class BuiltInAgents
{
    public static readonly IReadOnlyDictionary<string, AgentDefinition> All = new[]
    {
        new AgentDefinition(BuiltInAgentNames.BusinessAnalyst, "Business Analyst",
            "Find what moves the business numbers: trends, seasonality, anomalies, where value concentrates.",
            "Use the trend, pareto and question tools; quote only numbers the tools return; say what is uncertain.",
            ["profile", "roles", "trend", "pareto", "ratios", "intent", "answer"], null),
        new AgentDefinition(BuiltInAgentNames.ProcessOptimizer, "Process Optimizer",
            "Find where a process loses time and what to automate or change first.",
            "Use the process-mining and automation tools; rank changes by waiting time removed and effort.",
            ["profile", "roles", "mine", "candidates", "pareto"], null),
        new AgentDefinition(BuiltInAgentNames.DataInterpreter, "Data Interpreter",
            "Understand the data: its columns, types, gaps, relationships and outliers.",
            "Profile first; report data-quality problems before conclusions that depend on them.",
            ["profile", "roles", "correlate", "outliers", "intent", "answer"], null),
        new AgentDefinition(BuiltInAgentNames.ReportWriter, "Report Writer",
            "Turn the tools' results into a report a manager can act on.",
            "Write a short summary, findings with evidence and concrete recommendations; every number must come from the metrics.",
            ["report"], null),
        new AgentDefinition(BuiltInAgentNames.QualityReviewer, "Quality Reviewer",
            "Check that a step's output is complete and that every number in the text is backed by a computation.",
            "Send the step back with specific feedback when a number is not in the metrics or a section is empty.",
            ["review"], null),
    }.ToDictionary(a => a.Name, StringComparer.Ordinal);
}
