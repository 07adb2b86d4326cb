namespace Actors.Analytics;

/// <summary>
/// Splits a table into one CSV per distinct value of a column (a batch's items: one analysis per store, per
/// lead, per region), in the order the values first appear, each with the header row and its own rows. The
/// table is the one the intake readers read within their limits, so a batch file in any form (CSV with any
/// separator, a multipart file, an XLSX sheet) splits the same way; each part is written as <see cref="TableCsv"/> writes.
/// </summary>
public static class TableGroups
{
    public static IReadOnlyList<(string Key, string Csv)> Split(DataTable table, string column, int maxGroups)
    {
        ArgumentNullException.ThrowIfNull(table);
        var at = table.IndexOf(column);
        if (at < 0)
        {
            throw new DataFormatException($"group_by names column '{column}', which the header does not have; it has: {string.Join(", ", table.Columns)}.");
        }
        if (table.RowCount == 0)
        {
            throw new DataFormatException("The file has a header but no data rows.");
        }
        // Keyed by the value as written, so a group's key is what its rows say in the column.
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        var values = table.Column(at);
        for (var row = 0; row < values.Length; row++)
        {
            var key = values[row].ToString();
            if (!groups.TryGetValue(key, out var rows))
            {
                if (groups.Count == maxGroups)
                {
                    throw new DataFormatException($"Column '{column}' has more than {maxGroups} distinct values; a batch has at most {maxGroups} items.");
                }
                rows = [];
                groups[key] = rows;
                order.Add(key);
            }
            rows.Add(row);
        }
        return [.. order.Select(key => (key, TableCsv.Write(table, groups[key])))];
    }
}
