using Actors.Analytics;

namespace Actors.Analytics.Tests;

/// <summary>Small tables for tests.</summary>
internal static class Tables
{
    public static DataTable SingleColumn(params Cell[] cells) =>
        DataTable.FromColumns(["c"], [cells]);

    public static DataTable Columns(params (string Name, Cell[] Cells)[] columns) =>
        DataTable.FromColumns([.. columns.Select(c => c.Name)], [.. columns.Select(c => (IReadOnlyList<Cell>)c.Cells)]);

    public static Cell[] Numbers(params double[] values) => [.. values.Select(v => Cell.Of(v))];

    public static Cell[] Texts(params string?[] values) => [.. values.Select(Cell.Of)];
}
