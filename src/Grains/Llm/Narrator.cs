using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Numbers;
using Actors.Teams;
using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// Asks the tenant's LLM (<see cref="TenantLlm"/>: chain, budget, ledger) for the report's summary, with
/// the analytics as tools. The answer must be grounded: every number in it must be in the metrics or a
/// tool's result (<see cref="Grounding"/>, the same gate the teams use); an answer that invents numbers
/// is asked for again once, with the numbers named; a second miss keeps the statistical summary. No
/// provider, all down, or the budget spent: the statistical summary stays, and the outcome says why.
/// </summary>
public sealed class Narrator(TenantLlm llm)
{
    public async Task<NarrativeOutcome> WriteAsync(NarrativeRequest request, CancellationToken cancellationToken)
    {
        if (!request.Enabled)
        {
            return NarrativeOutcome.Kept("disabled", []);
        }
        var metrics = request.Report["metrics"] as JsonObject ?? [];
        var findings = request.Report["findings"] as JsonArray ?? [];
        var tools = new NarrativeTools(metrics, findings);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SystemPrompt(request.Agent)),
            new(ChatRole.User, UserPrompt(request)),
        };
        var caller = new LlmCaller(request.TenantId, request.JobId, request.AnalysisType, request.AgentName, request.Step);
        var question = new LlmQuestion(caller, messages, new ChatOptions { Tools = tools.Functions, Temperature = 0.2f }, tools,
            request.Agent?.ModelPreference, request.UseCache);
        var answer = await llm.AskGroundedAsync(question, text => AnswerVerdict.Grounded(Grounding.Check(text, metrics, tools.Returned)), cancellationToken);
        return NarrativeOutcome.From(answer);
    }

    private static string SystemPrompt(AgentDefinition? agent)
    {
        var who = agent is null ? "You are a report writer." : $"You are the {agent.Role}. {agent.Goal} {agent.Instructions}";
        return who + """

            Write the executive summary of an analysis report: 2 to 4 sentences of plain prose for a manager.
            Every number you write must come from a tool: read figures with list_metrics or get_metric, and compute
            any difference, percentage or ratio with the difference, percent_change or ratio tools, never by hand.
            Copy numbers as the tools return them (rounding to fewer decimals is fine). Do not invent numbers.
            Answer with the summary text only.
            """;
    }

    private static string UserPrompt(NarrativeRequest request)
    {
        var text = new StringBuilder();
        text.Append("Analysis type: ").Append(request.AnalysisType).Append('\n');
        if (!string.IsNullOrWhiteSpace(request.Question))
        {
            text.Append("Question: ").Append(request.Question).Append('\n');
        }
        text.Append("The statistical engine's summary: ").Append(request.Report["summary"]?.GetValue<string>() ?? "").Append('\n');
        if (request.Report["findings"] is JsonArray findings && findings.Count > 0)
        {
            text.Append("Findings:\n");
            foreach (var finding in findings.Take(10))
            {
                text.Append("- ").Append(finding?["title"]?.GetValue<string>()).Append(" (").Append(finding?["severity"]?.GetValue<string>()).Append(")\n");
            }
        }
        text.Append("Write the summary.");
        return text.ToString();
    }
}

/// <summary>What a narrative needs: whose job, which report body, which agent writes it, and the request's switches.</summary>
public sealed record NarrativeRequest(
    string TenantId,
    string JobId,
    string AnalysisType,
    string? Question,
    string AgentName,
    AgentDefinition? Agent,
    string Step,
    JsonObject Report,
    bool Enabled,
    bool UseCache);

/// <summary>
/// The narrative's result, stored as the job's checkpoint: who answered (<see cref="Engine"/> is
/// <c>entry:model</c> or <c>statistical</c>), the summary (null: keep the statistical one), how
/// grounding went, why the statistical engine answered when it did, each tier tried and each call made.
/// </summary>
public sealed record NarrativeOutcome(
    string Engine,
    string? Summary,
    string Grounding,
    string? Reason,
    IReadOnlyList<string> Issues,
    IReadOnlyList<TierAttempt> Tiers,
    IReadOnlyList<ChainAnswer> Calls)
{
    public static NarrativeOutcome Kept(string reason, IReadOnlyList<TierAttempt> tiers) =>
        new(ProviderEntry.Statistical, null, GroundedAnswer.NotRun, reason, [], tiers, []);

    public static NarrativeOutcome From(GroundedAnswer answer) =>
        new(answer.Text is null ? ProviderEntry.Statistical : answer.Last!.Target.Label, answer.Text, answer.Grounding, answer.Reason, answer.Issues, answer.Tiers, answer.Calls);

    public long InputTokens => Calls.Sum(c => c.InputTokens);

    public long OutputTokens => Calls.Sum(c => c.OutputTokens);

    public decimal CostUsd => Calls.Sum(c => c.CostUsd);

    public JsonObject ToJson() => new()
    {
        ["engine"] = Engine,
        ["summary"] = Summary,
        ["grounding"] = Grounding,
        ["reason"] = Reason,
        ["issues"] = new JsonArray(Issues.Select(i => (JsonNode)i).ToArray()),
        ["tiers"] = new JsonArray(Tiers.Select(t => (JsonNode)new JsonObject
        {
            ["provider"] = t.Provider,
            ["outcome"] = t.Outcome,
            ["error"] = t.Error,
            ["retries"] = t.Retries,
        }).ToArray()),
        ["calls"] = new JsonArray(Calls.Select(c => (JsonNode)new JsonObject
        {
            ["provider"] = c.Target.Name,
            ["model"] = c.Target.Model,
            ["input_tokens"] = c.InputTokens,
            ["output_tokens"] = c.OutputTokens,
            ["cost_usd"] = c.CostUsd,
            ["cached"] = c.Cached,
        }).ToArray()),
        ["input_tokens"] = InputTokens,
        ["output_tokens"] = OutputTokens,
        ["cost_usd"] = CostUsd,
    };
}
