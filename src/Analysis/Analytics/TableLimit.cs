namespace Actors.Analytics;

/// <summary>Which of <see cref="TableLimits"/> a table crossed.</summary>
public enum TableLimit
{
    Rows,
    Columns,
    Cells,
    CellChars,
    Bytes,
}
