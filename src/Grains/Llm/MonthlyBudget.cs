using System.Globalization;
using Actors.Webhooks;

namespace Actors.Llm;

/// <summary>
/// A tenant's monthly LLM budget, asked by <see cref="TenantLlm"/> before every LLM call. When it is reached, the tenant's webhooks
/// subscribed to <c>budget.reached</c> are told, one-way; their deliveries are keyed by month, so the
/// calls after the first send nothing more.
/// </summary>
public static class MonthlyBudget
{
    public static async Task<bool> IsReachedAsync(IGrainFactory grains, string tenantId, TenantChain chain, IUsageLedger ledger, TimeProvider time)
    {
        if (chain.MonthlyBudgetUsd is not { } budget)
        {
            return false;
        }
        var spent = await ledger.TotalCost();
        if (spent < budget)
        {
            return false;
        }
        var now = time.GetUtcNow();
        var month = now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        _ = grains.GetGrain<ITenantWebhooks>(tenantId).AnnounceBudgetReached(new BudgetData(month, budget, spent), now);
        return true;
    }
}
