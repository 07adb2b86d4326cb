using Actors.Llm;
using Microsoft.Extensions.AI;

namespace Actors.Conversations;

/// <summary>
/// A conversation's way into the tenant's LLM chain (the same <see cref="LlmChain"/> the narratives use:
/// breakers, buckets, retries): null when the tenant has no provider, its monthly budget is spent or
/// every entry failed, so the caller answers by rules. Every call made goes into the tenant's cost
/// ledger, attributed to the conversation.
/// </summary>
public sealed class ConversationChain(
    LlmChain chain,
    TenantChains chains,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<ConversationChain> logger)
{
    public const string AnalysisType = "conversation";

    /// <param name="deltas">Given, the answer is streamed and its text handed on as it comes (see <see cref="ChainRequest.Deltas"/>).</param>
    public async Task<ChainAnswer?> AskAsync(ConversationCall call, IList<ChatMessage> messages, ChatOptions options, NarrativeTools? tools, CancellationToken cancellationToken,
        Func<string?, Task>? deltas = null)
    {
        var tenantChain = await chains.ForAsync(call.TenantId);
        if (tenantChain.Targets.Count == 0)
        {
            return null;
        }
        var ledger = grains.GetGrain<IUsageLedger>(UsageLedgerGrain.KeyFor(call.TenantId, time.GetUtcNow()));
        if (tenantChain.MonthlyBudgetUsd is { } budget && await ledger.TotalCost() >= budget)
        {
            logger.LogWarning("Tenant {TenantId} reached its monthly LLM budget of {BudgetUsd} USD; conversation {ConversationId} answers by rules",
                call.TenantId, budget, call.ConversationId);
            return null;
        }
        var answer = await chain.AskAsync(new ChainRequest(call.TenantId, tenantChain.Targets, messages, options, UseCache: false, tools, [], deltas), cancellationToken);
        if (answer is not null)
        {
            await RecordAsync(ledger, call, answer);
        }
        return answer;
    }

    private async Task RecordAsync(IUsageLedger ledger, ConversationCall call, ChainAnswer answer)
    {
        var entry = new UsageEntry(time.GetUtcNow(), call.ConversationId, AnalysisType, "conversation", call.Step,
            answer.Target.Name, answer.Target.Model, answer.InputTokens, answer.OutputTokens, answer.CostUsd, answer.Cached);
        try
        {
            await ledger.Record([entry]);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Conversation {ConversationId} of tenant {TenantId} could not record its LLM call in the cost ledger", call.ConversationId, call.TenantId);
        }
    }
}

/// <summary>Whose call it is, for the ledger: the tenant, the conversation and the step (<c>route</c>, <c>answer</c>).</summary>
public sealed record ConversationCall(string TenantId, string ConversationId, string Step);
