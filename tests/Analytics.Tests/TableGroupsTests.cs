namespace Actors.Analytics.Tests;

public sealed class TableGroupsTests
{
    private const string Stores = "store,month,note\nnorth,1,\"a, b\"\nsouth,1,plain\nnorth,2,\"said \"\"hi\"\"\"\n,1,no store\n";

    [Fact]
    public void Each_value_gets_the_header_and_its_rows_in_first_seen_order_reading_back_as_the_original_rows()
    {
        var table = TableReader.FromCsv(Stores);

        var groups = TableGroups.Split(table, "store", 10);

        Assert.Equal(["north", "south", ""], groups.Select(g => g.Key));
        var north = TableReader.FromCsv(groups[0].Csv);
        Assert.Equal(table.Columns, north.Columns);
        Assert.Equal(2, north.RowCount);
        Assert.Equal("a, b", north[0, "note"].ToString());
        Assert.Equal("said \"hi\"", north[1, "note"].ToString());
        Assert.Equal("2", north[1, "month"].ToString());
        Assert.Equal(1, TableReader.FromCsv(groups[2].Csv).RowCount);
    }

    [Fact]
    public void A_column_the_table_lacks_is_refused_naming_the_columns_it_has()
    {
        var ex = Assert.Throws<DataFormatException>(() => TableGroups.Split(TableReader.FromCsv(Stores), "region", 10));

        Assert.Contains("store, month, note", ex.Message);
    }

    [Fact]
    public void More_distinct_values_than_the_bound_are_refused()
    {
        var ex = Assert.Throws<DataFormatException>(() => TableGroups.Split(TableReader.FromCsv(Stores), "store", 2));

        Assert.Contains("more than 2 distinct values", ex.Message);
    }
}
