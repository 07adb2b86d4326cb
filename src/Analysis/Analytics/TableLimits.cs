namespace Actors.Analytics;

/// <summary>
/// What a table read from submitted data may hold. The readers enforce these while they read (through
/// <see cref="TableBuilder"/>), so data over a limit is refused before the table it would make is allocated.
/// </summary>
public sealed record TableLimits
{
    /// <summary>Data rows (the header is not a row).</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>Columns; never above <see cref="TableReader.MaxColumns"/>.</summary>
    public int MaxColumns { get; init; } = TableReader.MaxColumns;

    /// <summary>
    /// Rows × columns: the dense table's size in cells, whether or not each cell holds a value. Bounds the
    /// sparse-records attack (many records of one field each, drawn from many field names).
    /// </summary>
    public long MaxCells { get; init; } = 2_000_000;

    /// <summary>Characters in one cell or column name.</summary>
    public int MaxCellChars { get; init; } = 65_536;

    /// <summary>
    /// The table's size after parsing, estimated as <see cref="TableBuilder.CellBytes"/> per cell plus
    /// <see cref="TableBuilder.TextBytes"/> per text value (and, for a workbook, per shared string held while reading).
    /// </summary>
    public long MaxBytes { get; init; } = 128L * 1024 * 1024;

    public static TableLimits Default { get; } = new();

    /// <summary>For data already checked at submit (a job re-reading its own input): only the engine's column cap holds.</summary>
    public static TableLimits Unbounded { get; } = new()
    {
        MaxRows = int.MaxValue, MaxCells = long.MaxValue, MaxCellChars = int.MaxValue, MaxBytes = long.MaxValue,
    };

    internal int ColumnCap => Math.Clamp(MaxColumns, 1, TableReader.MaxColumns);
}
