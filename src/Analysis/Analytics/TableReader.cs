using System.Text.Json;

namespace Actors.Analytics;

/// <summary>Turns the API's two data forms (JSON records, CSV text) into a <see cref="DataTable"/>.</summary>
public static class TableReader
{
    /// <summary>More columns than this is almost certainly a mis-shaped upload, and would blow up pairwise work.</summary>
    public const int MaxColumns = 1_000;

    /// <summary>
    /// Reads a JSON array of flat objects. Columns are the union of keys in first-seen order; a key
    /// absent from a record is a missing value. Numbers become doubles, booleans bools, null missing.
    /// </summary>
    public static DataTable FromJsonRecords(JsonElement records)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new DataFormatException($"Records must be a JSON array of objects, but got {Describe(records.ValueKind)}.");
        }
        var capacity = records.GetArrayLength();
        if (capacity == 0)
        {
            throw new DataFormatException("The data has no records.");
        }

        var names = new List<string>();
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = new List<List<Cell>>();
        var rowIndex = 0;
        foreach (var record in records.EnumerateArray())
        {
            var rowNumber = rowIndex + 1;
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
                if (!indexByName.TryGetValue(field.Name, out var column))
                {
                    if (names.Count == MaxColumns)
                    {
                        throw new DataFormatException($"Row {rowNumber}, field '{field.Name}': the data has more than {MaxColumns} columns.");
                    }
                    column = names.Count;
                    indexByName.Add(field.Name, column);
                    names.Add(field.Name);
                    var cells = new List<Cell>(capacity);
                    // Earlier records did not have this key.
                    cells.AddRange(Enumerable.Repeat(Cell.Missing, rowIndex));
                    columns.Add(cells);
                }
                var target = columns[column];
                if (target.Count > rowIndex)
                {
                    throw new DataFormatException($"Row {rowNumber}, field '{field.Name}': the field appears more than once in the record.");
                }
                target.Add(ToCell(field.Value, rowNumber, field.Name));
            }
            foreach (var cells in columns)
            {
                if (cells.Count == rowIndex)
                {
                    cells.Add(Cell.Missing);
                }
            }
            rowIndex++;
        }
        if (names.Count == 0)
        {
            throw new DataFormatException("The records have no fields.");
        }
        return DataTable.Adopt([.. names], [.. columns.Select(c => c.ToArray())]);
    }

    /// <summary>
    /// Reads RFC 4180 CSV with a required header row. Cells stay strings (types are inferred when
    /// profiling); empty cells are missing. Header names are trimmed.
    /// </summary>
    public static DataTable FromCsv(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var records = new CsvRecords(csv);
        var fields = new List<string>();
        if (!records.TryRead(fields, out _))
        {
            throw new DataFormatException("The CSV is empty; a header row is required.");
        }
        if (fields.Count > MaxColumns)
        {
            throw new DataFormatException($"CSV header has {fields.Count} columns; at most {MaxColumns} are allowed.");
        }
        var names = ReadHeader(fields);

        var columns = new List<Cell>[names.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = [];
        }
        while (records.TryRead(fields, out var line))
        {
            if (fields.Count != names.Length)
            {
                throw new DataFormatException($"CSV line {line} has {fields.Count} fields but the header has {names.Length}.");
            }
            for (var c = 0; c < names.Length; c++)
            {
                columns[c].Add(Cell.Of(fields[c]));
            }
        }
        if (columns[0].Count == 0)
        {
            throw new DataFormatException("The CSV has a header but no data rows.");
        }
        return DataTable.Adopt(names, [.. columns.Select(c => c.ToArray())]);
    }

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
