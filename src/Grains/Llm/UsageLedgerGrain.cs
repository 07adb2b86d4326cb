namespace Actors.Llm;

/// <summary>
/// A tenant's cost ledger for one month. At most <see cref="MaxEntries"/> calls are kept; older ones
/// are dropped from the list but stay in the month's total, so the budget check is always exact.
/// </summary>
public sealed class UsageLedgerGrain(
    [PersistentState("llm-usage-ledger", StorageNames.Grains)] IPersistentState<UsageLedgerState> state) : Grain, IUsageLedger
{
    public const int MaxEntries = 20_000;

    public async Task Record(IReadOnlyList<UsageEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var all = state.State.Entries.Concat(entries).ToList();
        var drop = Math.Max(0, all.Count - MaxEntries);
        state.State = state.State with
        {
            Entries = all.Skip(drop).ToList(),
            TotalCostUsd = state.State.TotalCostUsd + entries.Sum(e => e.CostUsd),
            Folded = state.State.Folded + drop,
        };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<UsageEntry>> Entries() => Task.FromResult(state.State.Entries);

    public Task<decimal> TotalCost() => Task.FromResult(state.State.TotalCostUsd);
}
