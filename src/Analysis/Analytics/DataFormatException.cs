namespace Actors.Analytics;

/// <summary>
/// The submitted data cannot be read as a table. The message names the row, line or field at fault
/// and is written to be shown to the API user as-is. When the data crosses one of <see cref="TableLimits"/>,
/// <see cref="Limit"/> says which, <see cref="Maximum"/> its figure and <see cref="Actual"/> the data's own
/// figure where the reader knows it (else null: reading stopped at the limit).
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataFormatException(string message, TableLimit limit, long maximum, long? actual)
        : base(message)
    {
        Limit = limit;
        Maximum = maximum;
        Actual = actual;
    }

    public TableLimit? Limit { get; }

    public long Maximum { get; }

    public long? Actual { get; }
}
