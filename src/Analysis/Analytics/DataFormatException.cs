namespace Actors.Analytics;

/// <summary>
/// The submitted data cannot be read as a table. The message names the row, line or field at fault
/// and is written to be shown to the API user as-is.
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
}
