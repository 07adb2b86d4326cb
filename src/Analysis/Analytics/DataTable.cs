using System.Collections.ObjectModel;

namespace Actors.Analytics;

/// <summary>
/// An immutable table: ordered, uniquely named columns of <see cref="Cell"/>s, all the same length.
/// Stored column-major because every analysis walks one column (or a pair) at a time.
/// </summary>
public sealed class DataTable
{
    private readonly Cell[][] _columns;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Builds a table from rows; each row must have one cell per column. The inputs are copied.</summary>
    public DataTable(IEnumerable<string> columns, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var names = columns.ToArray();
        _indexByName = IndexNames(names);
        var builders = new List<Cell>[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            builders[c] = [];
        }
        var rowIndex = 0;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (row.Count != names.Length)
            {
                throw new ArgumentException($"Row {rowIndex} has {row.Count} cells but the table has {names.Length} columns.", nameof(rows));
            }
            for (var c = 0; c < names.Length; c++)
            {
                builders[c].Add(row[c]);
            }
            rowIndex++;
        }
        Columns = new ReadOnlyCollection<string>(names);
        _columns = Array.ConvertAll(builders, b => b.ToArray());
        RowCount = rowIndex;
    }

    /// <summary>Takes ownership of already validated column arrays (the readers' path, to avoid a copy).</summary>
    private DataTable(string[] names, Cell[][] columns, int rowCount)
    {
        _indexByName = IndexNames(names);
        Columns = new ReadOnlyCollection<string>(names);
        _columns = columns;
        RowCount = rowCount;
    }

    /// <summary>Builds a table from columns of equal length. The inputs are copied.</summary>
    public static DataTable FromColumns(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<Cell>> columns)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count)
        {
            throw new ArgumentException($"{names.Count} names were given for {columns.Count} columns.", nameof(columns));
        }
        var copies = new Cell[columns.Count][];
        for (var c = 0; c < columns.Count; c++)
        {
            ArgumentNullException.ThrowIfNull(columns[c], nameof(columns));
            copies[c] = [.. columns[c]];
        }
        return Adopt([.. names], copies);
    }

    internal static DataTable Adopt(string[] names, Cell[][] columns)
    {
        var rowCount = columns.Length == 0 ? 0 : columns[0].Length;
        foreach (var column in columns)
        {
            if (column.Length != rowCount)
            {
                throw new ArgumentException("All columns must have the same number of cells.", nameof(columns));
            }
        }
        return new DataTable(names, columns, rowCount);
    }

    public IReadOnlyList<string> Columns { get; }

    public int ColumnCount => _columns.Length;

    public int RowCount { get; }

    public Cell this[int row, int column] => _columns[column][row];

    public Cell this[int row, string column] => _columns[RequireIndex(column)][row];

    public ReadOnlySpan<Cell> Column(int index) => _columns[index];

    public ReadOnlySpan<Cell> Column(string name) => _columns[RequireIndex(name)];

    /// <summary>The position of a column, or -1 if the table has no column of that name.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    private int RequireIndex(string name) =>
        _indexByName.TryGetValue(name, out var index)
            ? index
            : throw new KeyNotFoundException($"The table has no column '{name}'.");

    private static Dictionary<string, int> IndexNames(string[] names)
    {
        var index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"Column {i} has no name.", nameof(names));
            }
            if (!index.TryAdd(name, i))
            {
                throw new ArgumentException($"Column name '{name}' appears more than once.", nameof(names));
            }
        }
        return index;
    }
}
