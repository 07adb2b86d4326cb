namespace Actors.Analytics;

/// <summary>
/// Builds a <see cref="DataTable"/> row by row for a reader (CSV, JSON records, a workbook) and enforces
/// <see cref="TableLimits"/> as cells arrive: every reader refuses the same data with the same answer.
/// Columns may appear late (JSON records): earlier rows are missing in them. A column's cells grow with the
/// rows that reach it and are never pre-sized, so what is held while reading stays within the dense size the
/// cells and bytes limits allow, however sparse the input.
/// </summary>
public sealed class TableBuilder
{
    /// <summary>Bytes a cell takes in the table, holding a value or not.</summary>
    public const int CellBytes = 24;

    /// <summary>Bytes one text value of <paramref name="length"/> characters takes (the string object and its characters).</summary>
    public static long TextBytes(int length) => 24 + 2L * length;

    private readonly TableLimits _limits;
    private readonly int? _expectedRows;
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);
    private readonly List<List<Cell>> _columns = [];
    private int _rows;
    private long _valueBytes;

    /// <param name="expectedRows">The row count when the reader knows it before reading (a JSON array's length):
    /// the limits are then checked against the whole table as soon as a column appears.</param>
    public TableBuilder(TableLimits limits, int? expectedRows = null)
    {
        _limits = limits;
        _expectedRows = expectedRows;
        if (expectedRows > limits.MaxRows)
        {
            throw new DataFormatException($"The data has {expectedRows} rows; at most {limits.MaxRows} are accepted.", TableLimit.Rows, limits.MaxRows, expectedRows);
        }
    }

    public int ColumnCount => _names.Count;

    /// <summary>Rows ended so far.</summary>
    public int RowCount => _rows;

    public bool TryGetColumn(string name, out int column) => _indexByName.TryGetValue(name, out column);

    /// <summary>Adds a column (its name already checked by the reader) and returns its index.</summary>
    /// <param name="where">Where the reader is, for messages ("Row 3, field 'x'").</param>
    public int AddColumn(string name, string where)
    {
        var cap = _limits.ColumnCap;
        if (_names.Count == cap)
        {
            throw new DataFormatException($"{where}: the data has more than {cap} columns.", TableLimit.Columns, cap, null);
        }
        CheckTextLength(name.Length, where);
        var column = _names.Count;
        _names.Add(name);
        _indexByName.Add(name, column);
        _columns.Add([]);
        _valueBytes += TextBytes(name.Length);
        CheckSize(where);
        return column;
    }

    /// <summary>Sets a cell of the current row; false when the row already has a value in that column.</summary>
    public bool Set(int column, Cell cell)
    {
        var cells = _columns[column];
        if (cells.Count > _rows)
        {
            return false;
        }
        if (cell.Text is { } text)
        {
            if (text.Length > _limits.MaxCellChars)
            {
                CheckTextLength(text.Length, Here(column));
            }
            _valueBytes += TextBytes(text.Length);
            if (IsOverSize())
            {
                CheckSize(Here(column));
            }
        }
        // Rows before this one that had no value here are missing.
        while (cells.Count < _rows)
        {
            cells.Add(Cell.Missing);
        }
        cells.Add(cell);
        return true;
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        if (_rows == _limits.MaxRows)
        {
            throw new DataFormatException($"The data has more than {_limits.MaxRows} rows; at most {_limits.MaxRows} are accepted.", TableLimit.Rows, _limits.MaxRows, null);
        }
        _rows++;
        CheckSize($"Row {_rows}");
    }

    /// <summary>Counts memory a reader holds for the table besides its cells (a workbook's shared strings).</summary>
    public void Charge(long bytes, string where)
    {
        _valueBytes += bytes;
        CheckSize(where);
    }

    public DataTable Build()
    {
        var columns = new Cell[_columns.Count][];
        for (var c = 0; c < columns.Length; c++)
        {
            var cells = _columns[c];
            var column = new Cell[_rows];
            cells.CopyTo(column);
            columns[c] = column;
            _columns[c] = [];
        }
        return DataTable.Adopt([.. _names], columns);
    }

    private string Here(int column) => $"Row {_rows + 1}, column '{_names[column]}'";

    private void CheckTextLength(int length, string where)
    {
        if (length > _limits.MaxCellChars)
        {
            throw new DataFormatException($"{where}: a value has {length} characters; at most {_limits.MaxCellChars} are accepted.", TableLimit.CellChars, _limits.MaxCellChars, length);
        }
    }

    private bool IsOverSize()
    {
        var cells = (long)Math.Max(_expectedRows ?? 0, _rows) * _names.Count;
        return cells > _limits.MaxCells || cells * CellBytes + _valueBytes > _limits.MaxBytes;
    }

    /// <summary>Checks the table as it stands (or, when the row count is known, as it will be) against the cells and bytes limits.</summary>
    private void CheckSize(string where)
    {
        var rows = (long)Math.Max(_expectedRows ?? 0, _rows);
        var cells = rows * _names.Count;
        if (cells > _limits.MaxCells)
        {
            throw new DataFormatException($"{where}: {rows} rows × {_names.Count} columns make {cells} cells; at most {_limits.MaxCells} are accepted (missing values count).", TableLimit.Cells, _limits.MaxCells, cells);
        }
        var bytes = cells * CellBytes + _valueBytes;
        if (bytes > _limits.MaxBytes)
        {
            throw new DataFormatException($"{where}: the table would take more than {_limits.MaxBytes} bytes once parsed; at most {_limits.MaxBytes} are accepted.", TableLimit.Bytes, _limits.MaxBytes, null);
        }
    }
}
