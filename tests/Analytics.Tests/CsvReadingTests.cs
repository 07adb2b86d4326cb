using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class CsvReadingTests
{
    [Fact]
    public void Reads_header_and_rows_as_text_cells()
    {
        var table = TableReader.FromCsv("name,age\nann,31\nbob,42\n");

        Assert.Equal(["name", "age"], table.Columns);
        Assert.Equal(2, table.RowCount);
        Assert.Equal(Cell.Of("ann"), table[0, "name"]);
        // CSV keeps strings; type inference happens when profiling.
        Assert.Equal(CellKind.Text, table[1, "age"].Kind);
        Assert.Equal("42", table[1, "age"].Text);
    }

    [Fact]
    public void Quoted_fields_may_contain_commas_and_doubled_quotes()
    {
        var table = TableReader.FromCsv("a,b\n\"x, y\",\"she said \"\"hi\"\"\"\n");

        Assert.Equal("x, y", table[0, "a"].Text);
        Assert.Equal("she said \"hi\"", table[0, "b"].Text);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Quoted_fields_keep_embedded_newlines_verbatim(string newline)
    {
        var table = TableReader.FromCsv($"a,b{newline}\"line one{newline}line two\",2{newline}3,4{newline}");

        Assert.Equal(2, table.RowCount);
        Assert.Equal($"line one{newline}line two", table[0, "a"].Text);
        Assert.Equal("3", table[1, "a"].Text);
    }

    [Fact]
    public void Crlf_lone_cr_and_missing_final_newline_are_accepted()
    {
        var crlf = TableReader.FromCsv("a,b\r\n1,2\r\n3,4");
        var cr = TableReader.FromCsv("a,b\r1,2\r3,4\r");

        Assert.Equal(2, crlf.RowCount);
        Assert.Equal("4", crlf[1, "b"].Text);
        Assert.Equal("b", crlf.Columns[1]);
        Assert.Equal(2, cr.RowCount);
        Assert.Equal("4", cr[1, "b"].Text);
    }

    [Fact]
    public void Byte_order_mark_is_stripped_from_the_first_header()
    {
        var table = TableReader.FromCsv("\uFEFFid,v\n1,2\n");

        Assert.Equal("id", table.Columns[0]);
        Assert.Equal(0, table.IndexOf("id"));
    }

    [Fact]
    public void Empty_whitespace_and_quoted_empty_cells_are_missing()
    {
        var table = TableReader.FromCsv("a,b,c\n,\"\",  \nx,y,z\n");

        Assert.True(table[0, "a"].IsMissing);
        Assert.True(table[0, "b"].IsMissing);
        Assert.True(table[0, "c"].IsMissing);
        Assert.False(table[1, "c"].IsMissing);
    }

    [Fact]
    public void Trailing_comma_makes_an_empty_last_field()
    {
        var table = TableReader.FromCsv("a,b\n1,\n");

        Assert.Equal("1", table[0, "a"].Text);
        Assert.True(table[0, "b"].IsMissing);
    }

    [Fact]
    public void Blank_lines_and_several_trailing_newlines_are_skipped()
    {
        var table = TableReader.FromCsv("a,b\n\n1,2\n\r\n3,4\n\n\n");

        Assert.Equal(2, table.RowCount);
        Assert.Equal("3", table[1, "a"].Text);
    }

    [Fact]
    public void Header_names_are_trimmed()
    {
        var table = TableReader.FromCsv(" a , b\n1,2\n");

        Assert.Equal(["a", "b"], table.Columns);
    }

    [Fact]
    public void Quote_inside_an_unquoted_field_is_literal()
    {
        var table = TableReader.FromCsv("a\n5\"4\n");

        Assert.Equal("5\"4", table[0, "a"].Text);
    }

    [Fact]
    public void Ragged_row_is_rejected_naming_its_line()
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv("a,b\n1,2\n3\n"));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("1 fields", error.Message);
    }

    [Fact]
    public void Line_numbers_count_newlines_inside_quoted_fields()
    {
        // The quoted field spans lines 2-3, so the short record starts on line 4.
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv("a,b\n\"x\ny\",2\n1,2,3\n"));

        Assert.Contains("line 4", error.Message);
        Assert.Contains("3 fields", error.Message);
    }

    [Fact]
    public void Duplicate_header_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv("a,b,a\n1,2,3\n"));

        Assert.Contains("'a'", error.Message);
        Assert.Contains("fields 1 and 3", error.Message);
    }

    [Theory]
    [InlineData("a,,c\n1,2,3\n")]
    [InlineData("a, ,c\n1,2,3\n")]
    public void Empty_header_name_is_rejected(string csv)
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv(csv));

        Assert.Contains("header field 2 is empty", error.Message);
    }

    [Theory]
    [InlineData("a,b\n")]
    [InlineData("a,b")]
    [InlineData("a,b\n\n\n")]
    public void Header_without_data_rows_is_rejected(string csv)
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv(csv));

        Assert.Contains("no data rows", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n")]
    [InlineData("\uFEFF")]
    public void Empty_input_is_rejected(string csv)
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv(csv));

        Assert.Contains("header row is required", error.Message);
    }

    [Fact]
    public void Unterminated_quote_is_rejected_naming_where_it_starts()
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv("a,b\n1,2\n3,\"open\n4,5\n"));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv("a,b\n\"x\"y,2\n"));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("after a closing quote", error.Message);
    }

    [Fact]
    public void Column_limit_is_enforced()
    {
        string Header(int count) => string.Join(',', Enumerable.Range(0, count).Select(i => $"c{i}"));
        string Row(int count) => string.Join(',', Enumerable.Repeat("1", count));

        var atLimit = TableReader.FromCsv($"{Header(TableReader.MaxColumns)}\n{Row(TableReader.MaxColumns)}\n");
        var error = Assert.Throws<DataFormatException>(
            () => TableReader.FromCsv($"{Header(TableReader.MaxColumns + 1)}\n{Row(TableReader.MaxColumns + 1)}\n"));

        Assert.Equal(TableReader.MaxColumns, atLimit.ColumnCount);
        Assert.Contains("1001 columns", error.Message);
    }

    [Fact]
    public void Many_rows_are_read_column_by_column()
    {
        var csv = "i,sq\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{i * i}\n"));

        var table = TableReader.FromCsv(csv);

        Assert.Equal(5000, table.RowCount);
        Assert.Equal("4999", table.Column("i")[4999].Text);
        Assert.Equal("9801", table.Column("sq")[99].Text);
    }
}
