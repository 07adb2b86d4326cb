using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// The one way into a tenant's LLM, for every caller (narratives, conversations, agents): the tenant's
/// provider chain (<see cref="LlmChain"/>: breakers, rate buckets, retries), the monthly budget, the
/// cost ledger, and ground-then-regenerate. A grounded ask is checked by the caller's
/// <see cref="AnswerVerdict"/>; an answer that fails is asked for again once with what was wrong named,
/// and a second miss is refused with the reason, so the caller's statistical engine answers.
/// </summary>
public sealed class TenantLlm(
    LlmChain chain,
    TenantChains chains,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<TenantLlm> logger)
{
    /// <summary>One call, taken as it comes (routing, a general answer). With <paramref name="deltas"/> the answer is streamed (see <see cref="ChainRequest.Deltas"/>).</summary>
    public async Task<LlmAnswer> AskAsync(LlmQuestion question, CancellationToken cancellationToken, Func<string?, Task>? deltas = null)
    {
        var (opened, refusal) = await OpenAsync(question);
        if (opened is null)
        {
            return new LlmAnswer(null, refusal, []);
        }
        var tiers = new List<TierAttempt>();
        var answer = await chain.AskAsync(opened.Request(question, tiers, deltas), cancellationToken);
        if (answer is null)
        {
            return new LlmAnswer(null, LlmReasons.AllProvidersFailed, tiers);
        }
        await RecordAsync(opened.Ledger, question.Caller, answer);
        return new LlmAnswer(answer, null, tiers);
    }

    /// <summary>
    /// Asks, judges the answer with <paramref name="judge"/> (which reads the tools' numbers as they are
    /// when it runs), and asks once more naming what it found; a second miss keeps no text. Every call
    /// made is recorded in the ledger as it returns, so a later failure never loses what was paid for.
    /// </summary>
    public async Task<GroundedAnswer> AskGroundedAsync(LlmQuestion question, Func<string, AnswerVerdict> judge, CancellationToken cancellationToken)
    {
        var (opened, refusal) = await OpenAsync(question);
        if (opened is null)
        {
            return GroundedAnswer.Refused(refusal!, [], [], []);
        }
        var tiers = new List<TierAttempt>();
        var calls = new List<ChainAnswer>();
        IReadOnlyList<string> issues = [];
        for (var round = 0; ; round++)
        {
            var answer = await chain.AskAsync(opened.Request(question, tiers, null), cancellationToken);
            if (answer is null)
            {
                return GroundedAnswer.Refused(calls.Count == 0 ? LlmReasons.AllProvidersFailed : LlmReasons.RegenerationFailed, tiers, calls, issues);
            }
            calls.Add(answer);
            await RecordAsync(opened.Ledger, question.Caller, answer);
            var verdict = judge(answer.Text);
            if (verdict.Passed)
            {
                return new GroundedAnswer(answer.Text.Trim(), round == 0 ? GroundedAnswer.Passed : GroundedAnswer.Regenerated, null, [], tiers, calls);
            }
            issues = verdict.Issues;
            logger.LogWarning("Provider {Provider} answered step {Step} of {JobId} (tenant {TenantId}) with {IssueCount} problem(s) of kind {Reason} (round {Round})",
                answer.Target.Label, question.Caller.Step, question.Caller.JobId, question.Caller.TenantId, issues.Count, verdict.Reason, round + 1);
            if (round == 1)
            {
                return GroundedAnswer.Refused(verdict.Reason!, tiers, calls, issues);
            }
            question.Messages.Add(new ChatMessage(ChatRole.Assistant, answer.Text));
            question.Messages.Add(new ChatMessage(ChatRole.User, verdict.Feedback));
        }
    }

    /// <summary>The tenant's chain (its preferred entry first) and month's ledger, or why there is nothing to ask.</summary>
    private async Task<(OpenChain? Opened, string? Refusal)> OpenAsync(LlmQuestion question)
    {
        var caller = question.Caller;
        var tenantChain = await chains.ForAsync(caller.TenantId);
        var targets = Preferred(tenantChain.Targets, question.ModelPreference);
        if (targets.Count == 0)
        {
            return (null, LlmReasons.NoProvider);
        }
        var ledger = grains.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(caller.TenantId, time.GetUtcNow()));
        if (await MonthlyBudget.IsReachedAsync(grains, caller.TenantId, tenantChain, ledger, time))
        {
            logger.LogWarning("Tenant {TenantId} reached its monthly LLM budget of {BudgetUsd} USD; step {Step} of {JobId} goes without the LLM",
                caller.TenantId, tenantChain.MonthlyBudgetUsd, caller.Step, caller.JobId);
            return (null, LlmReasons.BudgetReached);
        }
        return (new OpenChain(targets, ledger), null);
    }

    private async Task RecordAsync(IUsageLedger ledger, LlmCaller caller, ChainAnswer answer)
    {
        var entry = new UsageEntry(time.GetUtcNow(), caller.JobId, caller.AnalysisType, caller.Agent, caller.Step,
            answer.Target.Name, answer.Target.Model, answer.InputTokens, answer.OutputTokens, answer.CostUsd, answer.Cached);
        try
        {
            await ledger.Record([entry]);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Step {Step} of {JobId} (tenant {TenantId}) could not record its LLM call in the cost ledger", caller.Step, caller.JobId, caller.TenantId);
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

    private sealed record OpenChain(IReadOnlyList<ProviderTarget> Targets, IUsageLedger Ledger)
    {
        public ChainRequest Request(LlmQuestion question, List<TierAttempt> tiers, Func<string?, Task>? deltas) =>
            new(question.Caller.TenantId, Targets, question.Messages, question.Options, question.UseCache, question.Tools, tiers, deltas);
    }
}
