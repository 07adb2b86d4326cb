using Actors.Analytics;

namespace Actors.Api.Limits;

/// <summary>
/// What a submission may hold, beyond the body size (<c>Actors:Api:MaxRequestBodyBytes</c>). Each limit
/// answers its own problem code (docs/security.md). Bound from <c>Actors:Api:Limits</c>. The data's limits are
/// enforced by the table readers while they read (<see cref="ForTable"/>), in every form the data comes in.
/// </summary>
public sealed class InputLimits
{
    public const string Section = "Actors:Api:Limits";

    /// <summary>The longest an id in a path or an Idempotency-Key may be.</summary>
    public const int MaxIdLength = 255;

    /// <summary>Nesting of JSON objects and arrays in a body (json_too_deep above it).</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Characters in any JSON string or property name except the <c>csv</c> field, which only the body size bounds (string_too_long).</summary>
    public int MaxStringLength { get; set; } = 65_536;

    /// <summary>Rows of the data: <c>data.records</c>, the CSV or the sheet (too_many_records).</summary>
    public int MaxRecords { get; set; } = 100_000;

    /// <summary>Columns (distinct record fields, or header fields) (too_many_columns); never above <see cref="TableReader.MaxColumns"/>.</summary>
    public int MaxColumns { get; set; } = TableReader.MaxColumns;

    public int ColumnLimit => Math.Clamp(MaxColumns, 1, TableReader.MaxColumns);

    /// <summary>Rows × columns of the table, missing values included (too_many_cells).</summary>
    public long MaxCells { get; set; } = TableLimits.Default.MaxCells;

    /// <summary>Characters in one cell or column name of the data, whatever its form (cell_too_long).</summary>
    public int MaxCellChars { get; set; } = TableLimits.Default.MaxCellChars;

    /// <summary>The table's size once parsed, in bytes (data_too_large; docs/intake.md says how it is counted).</summary>
    public long MaxTableBytes { get; set; } = TableLimits.Default.MaxBytes;

    /// <summary>The limits the table readers enforce for a submission, with the tenant's records-per-job quota when it is lower.</summary>
    public TableLimits ForTable(int? recordsPerJob) => new()
    {
        MaxRows = recordsPerJob is { } quota ? Math.Min(quota, MaxRecords) : MaxRecords,
        MaxColumns = ColumnLimit,
        MaxCells = MaxCells,
        MaxCellChars = MaxCellChars,
        MaxBytes = MaxTableBytes,
    };
}
