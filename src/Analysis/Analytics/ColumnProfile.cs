namespace Actors.Analytics;

/// <summary>
/// One column's profile. <see cref="Numeric"/> is set for numeric columns, <see cref="Dates"/> for
/// datetime columns, and <see cref="Top"/> is non-empty only for categorical and boolean columns.
/// </summary>
/// <param name="Missing">Missing cells.</param>
/// <param name="Distinct">Distinct non-missing values, compared as the inferred type (so "1" and "1.0" are one number).</param>
public sealed record ColumnProfile(string Name, ColumnType Type, int Missing, int Distinct)
{
    public NumericSummary? Numeric { get; init; }

    public DateRange? Dates { get; init; }

    /// <summary>Up to five most frequent values, by count descending then value ascending.</summary>
    public IReadOnlyList<ValueCount> Top { get; init; } = [];
}
