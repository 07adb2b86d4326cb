namespace Actors.Llm;

/// <summary>A month's calls, newest last, and the month's exact totals (which outlive entries folded away).</summary>
[GenerateSerializer, Alias("Actors.Llm.UsageLedgerState")]
public sealed record UsageLedgerState
{
    [Id(0)] public IReadOnlyList<UsageEntry> Entries { get; init; } = [];
    [Id(1)] public decimal TotalCostUsd { get; init; }
    [Id(2)] public long Folded { get; init; }
}
