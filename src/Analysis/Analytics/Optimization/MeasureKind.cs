namespace Actors.Analytics.Optimization;

/// <summary>What a numeric column measures, as far as its name tells.</summary>
public enum MeasureKind
{
    /// <summary>Nothing recognisable.</summary>
    Other,

    /// <summary>Money spent in total: cost, spend, expense, fee.</summary>
    Cost,

    /// <summary>Money earned in total: revenue, sales, amount, income, turnover.</summary>
    Revenue,

    /// <summary>Money per unit: price, or a money word with per/unit/avg (unit_cost, avg_price).</summary>
    Price,

    /// <summary>A count of things: units, quantity, qty, count, orders, volume, items.</summary>
    Volume,

    /// <summary>Time taken: duration, wait, minutes, hours, seconds, or time with a unit or kind (time_s, cycle_time).</summary>
    Duration,
}
