using System.Text.Json;
using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class JsonRecordsReadingTests
{
    private static DataTable Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TableReader.FromJsonRecords(document.RootElement);
    }

    private static DataFormatException Fails(string json) =>
        Assert.Throws<DataFormatException>(() => Read(json));

    [Fact]
    public void Columns_are_the_union_of_keys_in_first_seen_order()
    {
        var table = Read("""[{"a":1,"b":"x"},{"c":true,"a":2},{"b":"y"}]""");

        Assert.Equal(["a", "b", "c"], table.Columns);
        Assert.Equal(3, table.RowCount);
        Assert.True(table[0, "c"].IsMissing);
        Assert.True(table[1, "b"].IsMissing);
        Assert.True(table[2, "a"].IsMissing);
        Assert.True(table[2, "c"].IsMissing);
    }

    [Fact]
    public void Values_keep_their_json_kinds()
    {
        var table = Read("""[{"n":1.5,"i":-3,"t":true,"f":false,"s":"hi","z":null,"e":""}]""");

        Assert.Equal(1.5, table[0, "n"].Number);
        Assert.Equal(-3.0, table[0, "i"].Number);
        Assert.Equal(Cell.Of(true), table[0, "t"]);
        Assert.Equal(Cell.Of(false), table[0, "f"]);
        Assert.Equal(CellKind.Boolean, table[0, "f"].Kind);
        Assert.Equal("hi", table[0, "s"].Text);
        Assert.True(table[0, "z"].IsMissing);
        Assert.True(table[0, "e"].IsMissing);
    }

    [Fact]
    public void Numeric_strings_stay_strings()
    {
        var table = Read("""[{"v":"12"}]""");

        Assert.Equal(CellKind.Text, table[0, "v"].Kind);
    }

    [Theory]
    [InlineData("""[{"a":1},{"a":2,"address":{"city":"x"}}]""", "an object")]
    [InlineData("""[{"a":1},{"a":2,"address":[1,2]}]""", "an array")]
    public void Nested_values_are_rejected_naming_row_and_field(string json, string kind)
    {
        var error = Fails(json);

        Assert.Contains("Row 2", error.Message);
        Assert.Contains("'address'", error.Message);
        Assert.Contains(kind, error.Message);
    }

    [Theory]
    [InlineData("""{"a":1}""", "an object")]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void Non_array_is_rejected(string json, string kind)
    {
        var error = Fails(json);

        Assert.Contains("must be a JSON array", error.Message);
        Assert.Contains(kind, error.Message);
    }

    [Fact]
    public void Default_element_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromJsonRecords(default));

        Assert.Contains("must be a JSON array", error.Message);
    }

    [Fact]
    public void Element_that_is_not_an_object_is_rejected_naming_its_row()
    {
        var error = Fails("""[{"a":1},{"a":2},[3]]""");

        Assert.Contains("Row 3", error.Message);
        Assert.Contains("an array", error.Message);
    }

    [Fact]
    public void Empty_array_is_rejected()
    {
        var error = Fails("[]");

        Assert.Contains("no records", error.Message);
    }

    [Fact]
    public void Records_without_fields_are_rejected()
    {
        var error = Fails("[{},{}]");

        Assert.Contains("no fields", error.Message);
    }

    [Fact]
    public void Duplicate_key_in_a_record_is_rejected()
    {
        var error = Fails("""[{"a":1},{"a":2,"a":3}]""");

        Assert.Contains("Row 2", error.Message);
        Assert.Contains("'a'", error.Message);
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void Empty_key_is_rejected()
    {
        var error = Fails("""[{"":1}]""");

        Assert.Contains("Row 1", error.Message);
        Assert.Contains("empty name", error.Message);
    }

    [Fact]
    public void Number_beyond_double_range_is_rejected()
    {
        var error = Fails("""[{"a":1},{"a":1e400}]""");

        Assert.Contains("Row 2", error.Message);
        Assert.Contains("'a'", error.Message);
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void Column_limit_is_enforced()
    {
        string Record(int fields) => "{" + string.Join(',', Enumerable.Range(0, fields).Select(i => $"\"c{i}\":1")) + "}";

        var atLimit = Read($"[{Record(TableReader.MaxColumns)}]");
        var error = Fails($"[{Record(TableReader.MaxColumns)},{Record(TableReader.MaxColumns + 1)}]");

        Assert.Equal(TableReader.MaxColumns, atLimit.ColumnCount);
        Assert.Contains("Row 2", error.Message);
        Assert.Contains("'c1000'", error.Message);
    }

    [Fact]
    public void Table_outlives_the_json_document()
    {
        DataTable table;
        using (var document = JsonDocument.Parse("""[{"s":"kept"}]"""))
        {
            table = TableReader.FromJsonRecords(document.RootElement);
        }

        Assert.Equal("kept", table[0, "s"].Text);
    }
}
