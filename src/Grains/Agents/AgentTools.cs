namespace Actors.Agents;

public static class AgentTools
{
    /// <summary>The tools each agent may use, by agent name: what the team engine checks a template against.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ToolsByAgent(this IEnumerable<AgentDefinition> agents) =>
        agents.ToDictionary(a => a.Name, a => a.Tools, StringComparer.Ordinal);
}
