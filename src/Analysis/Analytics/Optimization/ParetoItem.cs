namespace Actors.Analytics.Optimization;

/// <summary>One category in a Pareto ranking: its total, its share of the grand total and the running share up to it.</summary>
public sealed record ParetoItem(string Category, double Value, double SharePct, double CumulativePct);
