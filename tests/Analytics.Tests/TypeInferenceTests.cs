using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class TypeInferenceTests
{
    private static ColumnType TypeOf(params Cell[] cells) =>
        ColumnProfiler.Profile(Tables.SingleColumn(cells)).Columns[0].Type;

    [Fact]
    public void Json_numbers_are_numeric() =>
        Assert.Equal(ColumnType.Numeric, TypeOf(1, 2.5, Cell.Missing, -3));

    [Fact]
    public void Numeric_strings_are_numeric() =>
        Assert.Equal(ColumnType.Numeric, TypeOf("1", "2.5", "", "-3e2"));

    [Fact]
    public void Numbers_and_numeric_strings_mixed_are_numeric() =>
        Assert.Equal(ColumnType.Numeric, TypeOf(1, "2"));

    [Fact]
    public void Zero_one_numbers_are_numeric_not_boolean() =>
        Assert.Equal(ColumnType.Numeric, TypeOf(0, 1, 1, 0));

    [Fact]
    public void Json_bools_are_boolean() =>
        Assert.Equal(ColumnType.Boolean, TypeOf(true, false, Cell.Missing));

    [Fact]
    public void Boolean_words_are_boolean() =>
        Assert.Equal(ColumnType.Boolean, TypeOf("Yes", "no", "TRUE", false));

    [Fact]
    public void Iso_dates_and_datetimes_are_datetime() =>
        Assert.Equal(ColumnType.Datetime, TypeOf("2024-01-05", "2024-01-06T10:00:00Z", Cell.Missing));

    [Fact]
    public void Repeating_short_labels_are_categorical() =>
        Assert.Equal(ColumnType.Categorical, TypeOf("north", "south", "north", "east"));

    [Fact]
    public void Numbers_mixed_with_words_are_categorical() =>
        Assert.Equal(ColumnType.Categorical, TypeOf(1, "n/a", 2, "n/a"));

    [Fact]
    public void Dates_mixed_with_words_are_categorical() =>
        Assert.Equal(ColumnType.Categorical, TypeOf("2024-01-05", "unknown"));

    [Fact]
    public void Long_strings_are_text()
    {
        var comment = new string('x', ColumnProfiler.CategoricalMaxAverageLength + 1);

        Assert.Equal(ColumnType.Text, TypeOf(comment, comment, comment));
    }

    [Fact]
    public void Average_length_at_the_limit_is_still_categorical()
    {
        var label = new string('x', ColumnProfiler.CategoricalMaxAverageLength);

        Assert.Equal(ColumnType.Categorical, TypeOf(label, label));
    }

    [Fact]
    public void Up_to_twenty_distinct_labels_are_categorical_even_if_all_unique()
    {
        var twenty = Enumerable.Range(0, 20).Select(i => Cell.Of($"id-{i}")).ToArray();
        var twentyOne = Enumerable.Range(0, 21).Select(i => Cell.Of($"id-{i}")).ToArray();

        Assert.Equal(ColumnType.Categorical, TypeOf(twenty));
        Assert.Equal(ColumnType.Text, TypeOf(twentyOne));
    }

    [Fact]
    public void Beyond_twenty_labels_categorical_needs_distinct_at_most_half_the_values()
    {
        // 30 distinct labels over 60 values is exactly half; 31 over 60 is more.
        var half = Enumerable.Range(0, 60).Select(i => Cell.Of($"k{i % 30}")).ToArray();
        var overHalf = Enumerable.Range(0, 60).Select(i => Cell.Of(i < 31 ? $"k{i}" : "k0")).ToArray();

        Assert.Equal(ColumnType.Categorical, TypeOf(half));
        Assert.Equal(ColumnType.Text, TypeOf(overHalf));
    }

    [Fact]
    public void All_missing_column_is_text()
    {
        var column = ColumnProfiler.Profile(Tables.SingleColumn(Cell.Missing, Cell.Missing)).Columns[0];

        Assert.Equal(ColumnType.Text, column.Type);
        Assert.Equal(2, column.Missing);
        Assert.Equal(0, column.Distinct);
    }

    [Theory]
    [InlineData(ColumnType.Numeric, "numeric")]
    [InlineData(ColumnType.Categorical, "categorical")]
    [InlineData(ColumnType.Datetime, "datetime")]
    [InlineData(ColumnType.Text, "text")]
    [InlineData(ColumnType.Boolean, "boolean")]
    public void Type_names_round_trip(ColumnType type, string name)
    {
        Assert.Equal(name, type.ToName());
        Assert.True(ColumnTypeNames.TryParse(name, out var parsed));
        Assert.Equal(type, parsed);
    }

    [Fact]
    public void Unknown_type_name_does_not_parse()
    {
        Assert.False(ColumnTypeNames.TryParse("Numeric", out _));
    }
}
