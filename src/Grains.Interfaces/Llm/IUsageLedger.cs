namespace Actors.Llm;

/// <summary>
/// A tenant's LLM calls of one month, keyed <c>{tenantId}/{yyyy-MM}</c>: the cost ledger the usage
/// API aggregates and the monthly budget is checked against. Bounded per month.
/// </summary>
[Alias("Actors.Llm.IUsageLedger")]
public interface IUsageLedger : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(IReadOnlyList<UsageEntry> entries);

    [Alias("Entries"), ReadOnly]
    Task<IReadOnlyList<UsageEntry>> Entries();

    /// <summary>The month's total cost (kept exact even when old entries are folded away).</summary>
    [Alias("TotalCost"), ReadOnly, AlwaysInterleave]
    Task<decimal> TotalCost();

    /// <summary>The ledger of the month of <paramref name="at"/>.</summary>
    public static string KeyFor(string tenantId, DateTimeOffset at) =>
        Actors.Jobs.JobKey.For(tenantId, at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
}
