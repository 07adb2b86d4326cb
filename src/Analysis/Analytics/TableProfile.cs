namespace Actors.Analytics;

/// <summary>What profiling learned about a table as a whole and about each column, in column order.</summary>
/// <param name="CompleteRows">Rows with no missing value in any column.</param>
public sealed record TableProfile(int Rows, int CompleteRows, IReadOnlyList<ColumnProfile> Columns)
{
    public ColumnProfile this[string column] =>
        Columns.FirstOrDefault(c => c.Name == column)
        ?? throw new KeyNotFoundException($"The profile has no column '{column}'.");
}
