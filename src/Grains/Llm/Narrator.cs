using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Numbers;
using Actors.Teams;
using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// Asks the tenant's chain for the report's summary, with the analytics as tools. The answer must be
/// grounded: every number in it must be in the metrics or a tool's result (<see cref="Grounding"/>,
/// the same gate the teams use). An answer that invents numbers is asked for again once, with the
/// numbers named; a second miss keeps the statistical summary. Every call goes into the tenant's
/// cost ledger. No provider, all down, or the budget spent: the statistical summary stays, and the
/// outcome says why.
/// </summary>
public sealed class Narrator(
    LlmChain chain,
    TenantChains chains,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<Narrator> logger)
{
    public const string Statistical = "statistical";

    public async Task<NarrativeOutcome> WriteAsync(NarrativeRequest request, CancellationToken cancellationToken)
    {
        if (!request.Enabled)
        {
            return NarrativeOutcome.Kept("disabled", []);
        }
        var tenantChain = await chains.ForAsync(request.TenantId);
        var targets = Preferred(tenantChain.Targets, request.Agent?.ModelPreference);
        if (targets.Count == 0)
        {
            return NarrativeOutcome.Kept("no_provider", []);
        }
        var ledger = grains.GetGrain<IUsageLedger>(UsageLedgerGrain.KeyFor(request.TenantId, time.GetUtcNow()));
        if (tenantChain.MonthlyBudgetUsd is { } budget && await ledger.TotalCost() >= budget)
        {
            logger.LogWarning("Tenant {TenantId} reached its monthly LLM budget of {BudgetUsd} USD; job {JobId} uses the statistical engine",
                request.TenantId, budget, request.JobId);
            return NarrativeOutcome.Kept("budget_reached", []);
        }

        var metrics = request.Report["metrics"] as JsonObject ?? [];
        var findings = request.Report["findings"] as JsonArray ?? [];
        var tools = new NarrativeTools(metrics, findings);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SystemPrompt(request.Agent)),
            new(ChatRole.User, UserPrompt(request)),
        };
        var chatOptions = new ChatOptions { Tools = tools.Functions, Temperature = 0.2f };
        var tiers = new List<TierAttempt>();
        var calls = new List<ChainAnswer>();
        IReadOnlyList<string> issues = [];
        try
        {
            for (var round = 0; round < 2; round++)
            {
                var answer = await chain.AskAsync(new ChainRequest(request.TenantId, targets, messages, chatOptions, request.UseCache, tools, tiers), cancellationToken);
                if (answer is null)
                {
                    return NarrativeOutcome.Kept(calls.Count == 0 ? "all_providers_failed" : "regeneration_failed", tiers, calls, issues);
                }
                calls.Add(answer);
                issues = Grounding.Check(answer.Text, metrics, tools.Returned);
                if (issues.Count == 0)
                {
                    return new NarrativeOutcome(answer.Target.Label, answer.Text.Trim(), round == 0 ? "passed" : "regenerated", null, issues, tiers, calls);
                }
                logger.LogWarning("Provider {Provider} wrote a summary for job {JobId} of tenant {TenantId} with {IssueCount} ungrounded number(s) (round {Round})",
                    answer.Target.Label, request.JobId, request.TenantId, issues.Count, round + 1);
                messages.Add(new ChatMessage(ChatRole.Assistant, answer.Text));
                messages.Add(new ChatMessage(ChatRole.User, Feedback(issues)));
            }
            return NarrativeOutcome.Kept("invented_numbers", tiers, calls, issues);
        }
        finally
        {
            await RecordAsync(ledger, request, calls);
        }
    }

    private async Task RecordAsync(IUsageLedger ledger, NarrativeRequest request, List<ChainAnswer> calls)
    {
        if (calls.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        var entries = calls.Select(c => new UsageEntry(now, request.JobId, request.AnalysisType, request.AgentName, request.Step,
            c.Target.Name, c.Target.Model, c.InputTokens, c.OutputTokens, c.CostUsd, c.Cached)).ToList();
        try
        {
            await ledger.Record(entries);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not record {CallCount} LLM call(s) in the cost ledger", request.JobId, request.TenantId, entries.Count);
        }
    }

    /// <summary>An agent's model preference (an entry name or a model) moves that entry to the front.</summary>
    private static IReadOnlyList<ProviderTarget> Preferred(IReadOnlyList<ProviderTarget> targets, string? preference)
    {
        if (string.IsNullOrWhiteSpace(preference))
        {
            return targets;
        }
        var first = targets.Where(t => t.Name == preference || t.Model == preference).ToList();
        return [.. first, .. targets.Except(first)];
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

    private static string Feedback(IReadOnlyList<string> issues) =>
        "These numbers are in neither the metrics nor a tool's result:\n- " + string.Join("\n- ", issues)
        + "\nRewrite the summary using only numbers the tools return.";
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
    public static NarrativeOutcome Kept(string reason, IReadOnlyList<TierAttempt> tiers, IReadOnlyList<ChainAnswer>? calls = null, IReadOnlyList<string>? issues = null) =>
        new(Narrator.Statistical, null, calls is { Count: > 0 } && reason == "invented_numbers" ? "replaced" : "not_run", reason, issues ?? [], tiers, calls ?? []);

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
