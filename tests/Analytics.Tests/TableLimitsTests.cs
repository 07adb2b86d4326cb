using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Actors.Analytics.Tests;

/// <summary>The readers enforce <see cref="TableLimits"/> while they read: every limit, each form of data.</summary>
public sealed class TableLimitsTests
{
    private static readonly TableLimits Small = new() { MaxRows = 10, MaxColumns = 5, MaxCells = 30, MaxCellChars = 8, MaxBytes = 4_096 };

    private static DataTable Records(string json, TableLimits limits)
    {
        using var document = JsonDocument.Parse(json);
        return TableReader.FromJsonRecords(document.RootElement, limits);
    }

    private static DataFormatException Refused(Action read, TableLimit limit)
    {
        var error = Assert.Throws<DataFormatException>(read);
        Assert.Equal(limit, error.Limit);
        return error;
    }

    /// <summary>The sparse-records attack: one field a record, drawn from many names, is a dense rows × names table.</summary>
    private static string SparseRecords(int records, int names)
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < records; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"f").Append(i * 7 % names).Append("\":").Append(i).Append('}');
        }
        return json.Append(']').ToString();
    }

    [Fact]
    public void A_cell_is_the_size_the_bytes_limit_counts()
    {
        Assert.Equal(TableBuilder.CellBytes, Unsafe.SizeOf<Cell>());
    }

    [Fact]
    public void Sparse_records_are_refused_at_the_column_that_makes_rows_times_columns_too_many_cells()
    {
        var limits = new TableLimits { MaxCells = 2_000_000 };

        var error = Refused(() => Records(SparseRecords(100_000, 1_000), limits), TableLimit.Cells);

        // 100,000 rows × 21 columns is the first table over 2,000,000 cells: refused at the 21st distinct name.
        Assert.Equal(2_100_000, error.Actual);
        Assert.Equal(2_000_000, error.Maximum);
        Assert.Contains("100000 rows × 21 columns make 2100000 cells", error.Message);
        Assert.Contains("at most 2000000", error.Message);
    }

    [Fact]
    public void Sparse_records_within_the_cells_limit_read_as_missing_values()
    {
        var table = Records("""[{"a":1},{"b":2},{"c":3}]""", Small);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(["a", "b", "c"], table.Columns);
        Assert.True(table[0, "b"].IsMissing);
        Assert.True(table[2, "a"].IsMissing);
        Assert.Equal(3, table[2, "c"].Number);
    }

    [Fact]
    public void Csv_rows_times_columns_over_the_cells_limit_are_refused_at_the_row_that_crosses_it()
    {
        var csv = "a,b,c,d,e\n" + string.Concat(Enumerable.Range(0, 7).Select(i => $"{i},1,2,3,4\n"));

        var error = Refused(() => TableReader.FromCsv(csv, Small), TableLimit.Cells);

        Assert.Contains("Row 7", error.Message);
        Assert.Equal(35, error.Actual);
    }

    [Fact]
    public void Rows_over_the_limit_are_refused_with_the_count_when_the_reader_knows_it()
    {
        var json = "[" + string.Join(',', Enumerable.Range(0, 11).Select(i => $"{{\"x\":{i}}}")) + "]";
        var csv = "x\n" + string.Concat(Enumerable.Range(0, 11).Select(i => $"{i}\n"));

        var fromRecords = Refused(() => Records(json, Small), TableLimit.Rows);
        var fromCsv = Refused(() => TableReader.FromCsv(csv, Small), TableLimit.Rows);

        Assert.Equal(11, fromRecords.Actual);
        Assert.Contains("has 11 rows; at most 10", fromRecords.Message);
        Assert.Null(fromCsv.Actual);
        Assert.Contains("more than 10 rows", fromCsv.Message);
        Assert.Equal(10, TableReader.FromCsv("x\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i}\n")), Small).RowCount);
    }

    [Theory]
    [InlineData("a,b,c,d,e,f\n1,2,3,4,5,6\n", 6)]
    [InlineData("a\"x,b,c,d,e,f\"\n1,2,3,4,5,6\n", 6)] // A stray quote once made the header check count one field.
    [InlineData("a,b,c,\"d,e\",f,g\n1,2,3,4,5,6\n", 6)]
    public void Header_fields_over_the_column_limit_are_counted_by_the_parser_that_reads_the_rows(string csv, int columns)
    {
        var error = Refused(() => TableReader.FromCsv(csv, Small), TableLimit.Columns);

        Assert.Equal(columns, error.Actual);
        Assert.Contains($"{columns} columns; at most 5", error.Message);
    }

    [Fact]
    public void Record_fields_over_the_column_limit_are_refused()
    {
        var error = Refused(() => Records("""[{"a":1,"b":1,"c":1},{"d":1,"e":1,"f":1}]""", Small), TableLimit.Columns);

        Assert.Contains("Row 2, field 'f'", error.Message);
    }

    [Theory]
    [InlineData("x\n123456789\n")]
    [InlineData("x\n\"1234\"\"5678\"\n")]
    [InlineData("x\n\"1234\n56789\"\n")]
    [InlineData("x123456789\n1\n")]
    public void A_csv_cell_over_the_cell_size_is_refused_before_it_is_copied(string csv)
    {
        var error = Refused(() => TableReader.FromCsv(csv, Small), TableLimit.CellChars);

        Assert.Contains("more than 8 characters", error.Message);
    }

    [Fact]
    public void A_cell_at_the_cell_size_is_read()
    {
        Assert.Equal("12345678", TableReader.FromCsv("x\n12345678\n", Small)[0, 0].Text);
        Assert.Equal("1234\"567", TableReader.FromCsv("x\n\"1234\"\"567\"\n", Small)[0, 0].Text);
    }

    [Fact]
    public void A_record_value_over_the_cell_size_is_refused()
    {
        var error = Refused(() => Records("""[{"x":"123456789"}]""", Small), TableLimit.CellChars);

        Assert.Contains("Row 1, column 'x'", error.Message);
        Assert.Equal(9, error.Actual);
    }

    [Fact]
    public void Text_over_the_bytes_limit_after_parsing_is_refused()
    {
        var limits = Small with { MaxCellChars = 1_000, MaxBytes = 2_000 };
        var csv = "x\n" + new string('a', 500) + "\n" + new string('b', 500) + "\n";

        var error = Refused(() => TableReader.FromCsv(csv, limits), TableLimit.Bytes);

        Assert.Contains("more than 2000 bytes once parsed", error.Message);
        Assert.Equal(1, TableReader.FromCsv("x\n" + new string('a', 500) + "\n", limits).RowCount);
    }

    [Fact]
    public void Without_limits_only_the_engine_column_cap_holds()
    {
        var table = Records(SparseRecords(3_000, 1_000), TableLimits.Unbounded);

        Assert.Equal(1_000, table.ColumnCount);
        Assert.Equal(3_000, table.RowCount);
    }
}
