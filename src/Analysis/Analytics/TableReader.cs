using System.Text.Json;

namespace Actors.Analytics;

/// <summary>Turns submitted data (JSON records, CSV text, a workbook's sheet) into a <see cref="DataTable"/>, within <see cref="TableLimits"/>.</summary>
public static class TableReader
{
    /// <summary>More columns than this is almost certainly a mis-shaped upload, and would blow up pairwise work.</summary>
    public const int MaxColumns = 1_000;

    /// <summary>
    /// Reads a JSON array of flat objects. Columns are the union of keys in first-seen order; a key
    /// absent from a record is a missing value. Numbers become doubles, booleans bools, null missing.
    /// </summary>
    /// <param name="limits">Enforced while reading (<see cref="DataFormatException.Limit"/>); by default only <see cref="MaxColumns"/>.</param>
    public static DataTable FromJsonRecords(JsonElement records, TableLimits? limits = null)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new DataFormatException($"Records must be a JSON array of objects, but got {Describe(records.ValueKind)}.");
        }
        var count = records.GetArrayLength();
        if (count == 0)
        {
            throw new DataFormatException("The data has no records.");
        }

        // The row count is known up front, so a sparse record set is refused at the column that makes it too large.
        var table = new TableBuilder(limits ?? TableLimits.Unbounded, expectedRows: count);
        var rowNumber = 0;
        foreach (var record in records.EnumerateArray())
        {
            rowNumber++;
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException($"Row {rowNumber} is {Describe(record.ValueKind)}; every record must be a JSON object.");
            }
            foreach (var field in record.EnumerateObject())
            {
                if (string.IsNullOrWhiteSpace(field.Name))
                {
                    throw new DataFormatException($"Row {rowNumber} has a field with an empty name.");
                }
                if (!table.TryGetColumn(field.Name, out var column))
                {
                    column = table.AddColumn(field.Name, $"Row {rowNumber}, field '{field.Name}'");
                }
                if (!table.Set(column, ToCell(field.Value, rowNumber, field.Name)))
                {
                    throw new DataFormatException($"Row {rowNumber}, field '{field.Name}': the field appears more than once in the record.");
                }
            }
            table.EndRow();
        }
        if (table.ColumnCount == 0)
        {
            throw new DataFormatException("The records have no fields.");
        }
        return table.Build();
    }

    /// <summary>
    /// Reads RFC 4180 CSV with a required header row. Cells stay strings (types are inferred when
    /// profiling); empty cells are missing. Header names are trimmed.
    /// </summary>
    /// <param name="limits">Enforced while reading (<see cref="DataFormatException.Limit"/>); by default only <see cref="MaxColumns"/>.</param>
    /// <param name="separator">The field separator (<see cref="CsvSeparator"/> detects one).</param>
    public static DataTable FromCsv(string csv, TableLimits? limits = null, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(csv);
        limits ??= TableLimits.Unbounded;
        var records = new CsvRecords(csv, separator, limits.MaxCellChars);
        var fields = new List<string>();
        var cap = limits.ColumnCap;
        if (!records.TryRead(fields, cap, out var count, out _))
        {
            throw new DataFormatException("The CSV is empty; a header row is required.");
        }
        if (count > cap)
        {
            throw new DataFormatException($"CSV header has {count} columns; at most {cap} are allowed.", TableLimit.Columns, cap, count);
        }
        var names = ReadHeader(fields);

        var table = new TableBuilder(limits);
        foreach (var name in names)
        {
            table.AddColumn(name, "CSV header");
        }
        while (records.TryRead(fields, names.Length, out count, out var line))
        {
            if (count != names.Length)
            {
                throw new DataFormatException($"CSV line {line} has {count} fields but the header has {names.Length}.");
            }
            for (var c = 0; c < names.Length; c++)
            {
                table.Set(c, Cell.Of(fields[c]));
            }
            table.EndRow();
        }
        if (table.RowCount == 0)
        {
            throw new DataFormatException("The CSV has a header but no data rows.");
        }
        return table.Build();
    }

    /// <summary>
    /// Reads the first sheet of an XLSX workbook, or the one named <paramref name="sheet"/>: the first non-empty
    /// row is the header, empty rows are skipped; numbers stay numbers, date-formatted numbers become ISO dates.
    /// The stream must be seekable (a ZIP package is read from its end).
    /// </summary>
    /// <param name="limits">Enforced while reading, shared strings included; by default only <see cref="MaxColumns"/>.</param>
    public static DataTable FromXlsx(Stream workbook, string? sheet = null, TableLimits? limits = null) =>
        XlsxReader.Read(workbook, sheet, limits ?? TableLimits.Unbounded);

    private static string[] ReadHeader(List<string> fields)
    {
        var names = new string[fields.Count];
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            if (name.Length == 0)
            {
                throw new DataFormatException($"CSV header field {i + 1} is empty; every column needs a name.");
            }
            if (!firstSeen.TryAdd(name, i))
            {
                throw new DataFormatException($"CSV header names column '{name}' twice (fields {firstSeen[name] + 1} and {i + 1}).");
            }
            names[i] = name;
        }
        return names;
    }

    private static Cell ToCell(JsonElement value, int rowNumber, string field) => value.ValueKind switch
    {
        JsonValueKind.String => Cell.Of(value.GetString()),
        JsonValueKind.Number => value.TryGetDouble(out var number) && double.IsFinite(number)
            ? Cell.Of(number)
            : throw new DataFormatException($"Row {rowNumber}, field '{field}': the number {value.GetRawText()} is out of range."),
        JsonValueKind.True => Cell.Of(true),
        JsonValueKind.False => Cell.Of(false),
        JsonValueKind.Null => Cell.Missing,
        _ => throw new DataFormatException(
            $"Row {rowNumber}, field '{field}': values must be strings, numbers, booleans or null, but this one is {Describe(value.ValueKind)}; nested values are not supported."),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
