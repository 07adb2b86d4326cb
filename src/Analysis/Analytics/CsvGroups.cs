using System.Text;

namespace Actors.Analytics;

/// <summary>
/// Splits CSV text into one CSV per distinct value of a column (a batch's items: one analysis per store,
/// per lead, per region), in the order the values first appear, each with the header row and its own rows.
/// Cells are written back quoted where they need it, so every part reads as the original rows did.
/// </summary>
public static class CsvGroups
{
    public static IReadOnlyList<(string Key, string Csv)> Split(string csv, string column, int maxGroups)
    {
        var records = new CsvRecords(csv);
        var header = new List<string>();
        if (!records.TryRead(header, out _))
        {
            throw new DataFormatException("The file is empty: it needs a header row and data rows.");
        }
        var at = header.IndexOf(column);
        if (at < 0)
        {
            throw new DataFormatException($"group_by names column '{column}', which the header does not have; it has: {string.Join(", ", header)}.");
        }
        var headerLine = Line(header);
        var groups = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var order = new List<string>();
        var fields = new List<string>();
        while (records.TryRead(fields, out var line))
        {
            if (fields.Count != header.Count)
            {
                throw new DataFormatException($"Line {line} has {fields.Count} fields; the header has {header.Count}.");
            }
            var key = fields[at];
            if (!groups.TryGetValue(key, out var group))
            {
                if (groups.Count == maxGroups)
                {
                    throw new DataFormatException($"Column '{column}' has more than {maxGroups} distinct values; a batch has at most {maxGroups} items.");
                }
                group = new StringBuilder(headerLine);
                groups[key] = group;
                order.Add(key);
            }
            group.Append(Line(fields));
        }
        if (order.Count == 0)
        {
            throw new DataFormatException("The file has a header but no data rows.");
        }
        return [.. order.Select(key => (key, groups[key].ToString()))];
    }

    private static string Line(List<string> fields) => string.Join(',', fields.Select(Cell)) + "\n";

    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
