using System.Text;

namespace Actors.Agents;

/// <summary>
/// What an agent that asks an LLM is told before its task, in one place for all of them (a job's agent
/// step, a hierarchical team's manager, a conversation's answer): who it is (role, goal, instructions)
/// and the business it works for, both read from the tenant's grains. A read that fails (storage
/// trouble) is handed to the caller's <c>failed</c>, which logs it in the caller's terms, and answers
/// null: the caller falls back (a statistical answer, the built-in definition, no business context)
/// rather than failing.
/// </summary>
public static class AgentBriefing
{
    /// <summary>The opening of the agent's system prompt: its role and goal, its instructions, then the business.</summary>
    public static StringBuilder Persona(AgentDefinition agent, string? businessContext)
    {
        var text = new StringBuilder();
        text.Append("You are the ").Append(agent.Role).Append(" of a data-analysis team. Your goal: ").Append(agent.Goal).Append('\n');
        if (!string.IsNullOrWhiteSpace(agent.Instructions))
        {
            text.Append(agent.Instructions.Trim()).Append('\n');
        }
        return text.AppendBusiness(businessContext);
    }

    public static StringBuilder AppendBusiness(this StringBuilder text, string? businessContext) =>
        string.IsNullOrWhiteSpace(businessContext) ? text : text.Append("\nThe business you work for:\n").Append(businessContext.Trim()).Append('\n');

    /// <summary>The tenant's definition of an agent (its own, else the built-in one); null when there is none or it cannot be read.</summary>
    public static async Task<AgentDefinition?> DefinitionAsync(IGrainFactory grains, string tenantId, string agent, Action<Exception> failed)
    {
        try
        {
            return (await grains.GetGrain<IAgent>(JobKey.For(tenantId, agent)).Get())?.Definition;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failed(ex);
            return null;
        }
    }

    /// <summary>The built-in definition of an agent, or the business analyst's for a name that has none.</summary>
    public static AgentDefinition BuiltIn(string agent) =>
        BuiltInAgents.All.GetValueOrDefault(agent) ?? BuiltInAgents.All[BuiltInAgentNames.BusinessAnalyst];

    /// <summary>The tenant's business context as agents read it; null when the tenant gave none or it cannot be read.</summary>
    public static async Task<string?> BusinessContextAsync(IGrainFactory grains, string tenantId, Action<Exception> failed)
    {
        try
        {
            return BusinessContextPrompt.Render(await grains.GetGrain<ITenantContext>(tenantId).Get());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failed(ex);
            return null;
        }
    }
}
