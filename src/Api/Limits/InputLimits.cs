using Actors.Analytics;

namespace Actors.Api.Limits;

/// <summary>
/// What a submission may hold, beyond the body size (<c>Actors:Api:MaxRequestBodyBytes</c>). Each limit
/// answers its own problem code (docs/security.md). Bound from <c>Actors:Api:Limits</c>.
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

    /// <summary>Rows of <c>data.records</c> or of the CSV (too_many_records).</summary>
    public int MaxRecords { get; set; } = 100_000;

    /// <summary>Columns (distinct fields, or CSV header fields) (too_many_columns); never above <see cref="TableReader.MaxColumns"/>.</summary>
    public int MaxColumns { get; set; } = TableReader.MaxColumns;

    public int ColumnLimit => Math.Clamp(MaxColumns, 1, TableReader.MaxColumns);
}
