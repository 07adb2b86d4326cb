using System.Text;

namespace Actors.Agents;

/// <summary>The business context as an agent's prompt reads it (null when the tenant gave none).</summary>
public static class BusinessContextPrompt
{
    public static string? Render(BusinessContext context)
    {
        if (context.IsEmpty)
        {
            return null;
        }
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(context.Industry))
        {
            text.Append("Industry: ").Append(context.Industry.Trim()).Append('\n');
        }
        if (context.Goals.Count > 0)
        {
            text.Append("Goals:\n");
            foreach (var goal in context.Goals)
            {
                text.Append("- ").Append(goal.Trim()).Append('\n');
            }
        }
        if (context.Kpis.Count > 0)
        {
            text.Append("KPI definitions:\n");
            foreach (var kpi in context.Kpis)
            {
                text.Append("- ").Append(kpi.Name.Trim()).Append(": ").Append(kpi.Definition.Trim()).Append('\n');
            }
        }
        if (context.Glossary.Count > 0)
        {
            text.Append("Glossary:\n");
            foreach (var entry in context.Glossary)
            {
                text.Append("- ").Append(entry.Term.Trim()).Append(": ").Append(entry.Meaning.Trim()).Append('\n');
            }
        }
        return text.ToString().TrimEnd();
    }
}
