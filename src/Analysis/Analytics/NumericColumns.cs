namespace Actors.Analytics;

/// <summary>Reads the columns a profile found numeric as plain doubles, with NaN where a value is missing.</summary>
internal static class NumericColumns
{
    public static IReadOnlyList<(ColumnProfile Profile, double[] Values)> Read(DataTable table, TableProfile profile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(profile);
        var result = new List<(ColumnProfile, double[])>();
        foreach (var column in profile.Columns)
        {
            if (column.Type != ColumnType.Numeric)
            {
                continue;
            }
            ct.ThrowIfCancellationRequested();
            var index = table.IndexOf(column.Name);
            if (index < 0)
            {
                throw new ArgumentException($"The profile names column '{column.Name}', which the table does not have.", nameof(profile));
            }
            var cells = table.Column(index);
            var values = new double[cells.Length];
            for (var r = 0; r < cells.Length; r++)
            {
                values[r] = cells[r].TryGetNumber(out var x) ? x : double.NaN;
            }
            result.Add((column, values));
        }
        return result;
    }
}
