using System.Buffers;
using System.Text;

namespace Actors.Analytics;

/// <summary>
/// Writes a table as comma-separated RFC 4180 text that <see cref="TableReader.FromCsv"/> reads back to the
/// same table: how data that arrived in another form (another separator, a workbook) is kept with its job.
/// </summary>
public static class TableCsv
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static string Write(DataTable table) => Write(table, Enumerable.Range(0, table.RowCount));

    /// <summary>The header and only the rows at <paramref name="rows"/> (indexes into the table), in that order.</summary>
    public static string Write(DataTable table, IEnumerable<int> rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        WriteRow(text, table.Columns);
        var fields = new string[table.ColumnCount];
        foreach (var r in rows)
        {
            for (var c = 0; c < fields.Length; c++)
            {
                fields[c] = table[r, c].ToString();
            }
            WriteRow(text, fields);
        }
        return text.ToString();
    }

    private static void WriteRow(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var field = fields[i];
            if (field.AsSpan().ContainsAny(NeedsQuotes))
            {
                text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(field);
            }
        }
        text.Append('\n');
    }
}
