using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class DataTableTests
{
    [Fact]
    public void Rows_are_stored_and_read_back_by_position_and_name()
    {
        var table = new DataTable(["a", "b"], [[1, "x"], [2.5, Cell.Missing], [true, "z"]]);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(2, table.ColumnCount);
        Assert.Equal(2.5, table[1, 0].Number);
        Assert.True(table[1, "b"].IsMissing);
        Assert.Equal(Cell.Of(true), table.Column("a")[2]);
        Assert.Equal(1, table.IndexOf("b"));
        Assert.Equal(-1, table.IndexOf("nope"));
    }

    [Fact]
    public void Ragged_row_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new DataTable(["a", "b"], [[1, 2], [3]]));
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("a", " ")]
    public void Duplicate_or_blank_column_names_are_rejected(string first, string second)
    {
        Assert.Throws<ArgumentException>(() => DataTable.FromColumns([first, second], [[1], [2]]));
    }

    [Fact]
    public void Columns_of_different_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DataTable.FromColumns(["a", "b"], [[1, 2], [3]]));
    }

    [Fact]
    public void Table_is_a_copy_of_its_inputs()
    {
        var column = new Cell[] { 1, 2 };
        var table = DataTable.FromColumns(["a"], [column]);

        column[0] = 99;

        Assert.Equal(1.0, table[0, "a"].Number);
    }

    [Fact]
    public void Unknown_column_name_throws()
    {
        var table = Tables.SingleColumn(1);

        Assert.Throws<KeyNotFoundException>(() => table[0, "missing"]);
    }

    [Fact]
    public void Empty_table_has_no_rows()
    {
        var table = new DataTable(["a"], []);

        Assert.Equal(0, table.RowCount);
        Assert.Equal(0, table.Column(0).Length);
    }
}
