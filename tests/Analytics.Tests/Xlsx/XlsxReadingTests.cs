using System.Text;

namespace Actors.Analytics.Tests.Xlsx;

public sealed class XlsxReadingTests
{
    private static readonly TableLimits Small = new() { MaxRows = 10, MaxColumns = 5, MaxCells = 30, MaxCellChars = 8, MaxBytes = 1_048_576 };

    private static DataTable Read(Workbook workbook, string? sheet = null, TableLimits? limits = null)
    {
        using var stream = workbook.ToStream();
        return TableReader.FromXlsx(stream, sheet, limits);
    }

    private static DataFormatException Fails(Workbook workbook, string? sheet = null, TableLimits? limits = null) =>
        Assert.Throws<DataFormatException>(() => Read(workbook, sheet, limits));

    [Fact]
    public void Reads_the_first_sheet_with_text_numbers_booleans_and_dates()
    {
        var workbook = new Workbook()
            .Sheet("Sales",
                ["month", "region", "revenue", "promo"],
                [Workbook.Date(45658), "north", 100.5, true],
                [Workbook.Date(45689, Workbook.CustomDateStyle), Workbook.Inline("south"), 120, false],
                [Workbook.Date(45717.5, Workbook.DateTimeStyle), "north", 0, null])
            .Sheet("Other", ["x"], [1]);

        var table = Read(workbook);

        Assert.Equal(["month", "region", "revenue", "promo"], table.Columns);
        Assert.Equal(3, table.RowCount);
        Assert.Equal("2025-01-01", table[0, "month"].Text);
        Assert.Equal("2025-02-01", table[1, "month"].Text);
        Assert.Equal("2025-03-01T12:00:00", table[2, "month"].Text);
        Assert.Equal("south", table[1, "region"].Text);
        Assert.Equal(100.5, table[0, "revenue"].Number);
        Assert.Equal(true, table[0, "promo"].Boolean);
        Assert.True(table[2, "promo"].IsMissing);
    }

    [Fact]
    public void Reads_a_sheet_by_name_and_names_the_sheets_when_it_is_missing()
    {
        var workbook = new Workbook().Sheet("First", ["a"], [1]).Sheet("Second", ["b"], [2], [3]);

        var second = Read(workbook, "Second");
        var error = Fails(workbook, "Third");

        Assert.Equal(["b"], second.Columns);
        Assert.Equal(2, second.RowCount);
        Assert.Contains("no sheet named 'Third'", error.Message);
        Assert.Contains("First, Second", error.Message);
    }

    [Fact]
    public void Skips_empty_rows_and_uses_cached_formula_results()
    {
        var workbook = new Workbook().RawSheet("S",
            """<row r="2"><c r="B2" t="inlineStr"><is><t>a</t></is></c><c r="C2" t="inlineStr"><is><r><t>b</t></r><r><t>c</t></r></is></c></row>""" +
            """<row r="3"/><row r="4"><c r="B4"><f>1+1</f><v>2</v></c><c r="C4" t="e"><v>#DIV/0!</v></c></row>""" +
            """<row r="9"><c r="C9" t="str"><f>"x"</f><v>x</v></c></row>""");

        var table = Read(workbook);

        Assert.Equal(["a", "bc"], table.Columns);
        Assert.Equal(2, table.RowCount);
        Assert.Equal(2, table[0, "a"].Number);
        Assert.True(table[0, "bc"].IsMissing);
        Assert.Equal("x", table[1, "bc"].Text);
    }

    [Fact]
    public void A_value_outside_the_header_is_refused_not_dropped()
    {
        var error = Fails(new Workbook().Sheet("S", ["a", "b"], [1, 2, 3]));

        Assert.Contains("cell C2", error.Message);
        Assert.Contains("outside the header", error.Message);
    }

    [Fact]
    public void A_gap_or_a_duplicate_in_the_header_is_refused()
    {
        var gap = Fails(new Workbook().Sheet("S", ["a", null, "c"], [1, 2, 3]));
        var duplicate = Fails(new Workbook().Sheet("S", ["a", "a"], [1, 2]));

        Assert.Contains("header cell B is empty", gap.Message);
        Assert.Contains("'a' twice", duplicate.Message);
    }

    [Fact]
    public void A_header_without_rows_or_an_empty_sheet_is_refused()
    {
        Assert.Contains("no data rows", Fails(new Workbook().Sheet("S", ["a"])).Message);
        Assert.Contains("header row is required", Fails(new Workbook().RawSheet("S", "")).Message);
    }

    [Fact]
    public void Bytes_that_are_not_a_workbook_are_refused()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n"));

        var error = Assert.Throws<DataFormatException>(() => TableReader.FromXlsx(stream));

        Assert.Contains("not an XLSX workbook", error.Message);
    }

    [Fact]
    public void A_doctype_in_a_part_is_refused()
    {
        var workbook = new Workbook().RawSheet("S", "").RawStyles("""<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>""");

        var error = Fails(workbook);

        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void Zip_bomb_shared_strings_are_refused_at_the_bytes_limit_while_they_are_read()
    {
        // 20 million characters that deflate to a few kilobytes; 1 MiB of table is allowed.
        var workbook = new Workbook().Sheet("S", ["a"], [1]).BombSharedStrings(count: 20_000, length: 1_000);
        var bytes = workbook.ToBytes();

        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromXlsx(stream, limits: Small with { MaxCellChars = 1_000 }));

        Assert.True(bytes.Length < 200_000, $"the bomb is {bytes.Length} bytes");
        Assert.Equal(TableLimit.Bytes, error.Limit);
        Assert.Contains("Shared string", error.Message);
    }

    [Fact]
    public void A_shared_string_over_the_cell_size_is_refused_before_it_is_read_whole()
    {
        var workbook = new Workbook().Sheet("S", ["a"], [1]).BombSharedStrings(count: 1, length: 5_000_000);

        var error = Fails(workbook, limits: Small);

        Assert.Equal(TableLimit.CellChars, error.Limit);
        Assert.Contains("more than 8 characters", error.Message);
    }

    [Fact]
    public void Rows_columns_and_cells_limits_hold_for_a_sheet()
    {
        var tooManyRows = new Workbook().Sheet("S", [["a"], .. Enumerable.Range(0, 11).Select(i => new object?[] { i })]);
        var tooManyColumns = new Workbook().Sheet("S", ["a", "b", "c", "d", "e", "f"], [1, 2, 3, 4, 5, 6]);
        var tooManyCells = new Workbook().Sheet("S", [["a", "b", "c", "d", "e"], .. Enumerable.Range(0, 7).Select(i => new object?[] { i, 1, 2, 3, 4 })]);

        Assert.Equal(TableLimit.Rows, Fails(tooManyRows, limits: Small).Limit);
        Assert.Equal(TableLimit.Columns, Fails(tooManyColumns, limits: Small).Limit);
        Assert.Equal(TableLimit.Cells, Fails(tooManyCells, limits: Small).Limit);
    }

    [Fact]
    public void A_cell_reference_far_to_the_right_allocates_nothing_and_is_refused()
    {
        var workbook = new Workbook().RawSheet("S", """<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>""");

        var error = Fails(workbook);

        Assert.Contains("cell XFD1048576", error.Message);
    }
}
