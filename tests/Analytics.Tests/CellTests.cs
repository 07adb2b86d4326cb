using Actors.Analytics;

namespace Actors.Analytics.Tests;

public sealed class CellTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_text_is_missing(string? text)
    {
        Assert.True(Cell.Of(text).IsMissing);
    }

    [Fact]
    public void NaN_is_missing_and_infinity_is_rejected()
    {
        Assert.True(Cell.Of(double.NaN).IsMissing);
        Assert.Throws<ArgumentOutOfRangeException>(() => Cell.Of(double.PositiveInfinity));
    }

    [Fact]
    public void Accessors_answer_only_for_their_own_kind()
    {
        Cell number = 3.0;
        Cell text = "3";

        Assert.Equal(3.0, number.Number);
        Assert.Null(number.Text);
        Assert.Null(text.Number);
        Assert.Equal("3", text.Text);
        Assert.Null(text.Boolean);
        Assert.NotEqual(number, text);
    }

    [Theory]
    [InlineData("42", 42.0)]
    [InlineData(" -1.5 ", -1.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData(".5", 0.5)]
    public void Numeric_text_parses_with_the_invariant_culture(string text, double expected)
    {
        Assert.True(Cell.Of(text).TryGetNumber(out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,234")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("12abc")]
    public void Non_numbers_do_not_parse(string text)
    {
        Assert.False(Cell.Of(text).TryGetNumber(out _));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("Yes", true)]
    [InlineData(" no ", false)]
    public void Boolean_words_parse_in_any_case(string text, bool expected)
    {
        Assert.True(Cell.Of(text).TryGetBoolean(out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Numbers_are_not_booleans()
    {
        Assert.False(Cell.Of(1).TryGetBoolean(out _));
        Assert.False(Cell.Of("1").TryGetBoolean(out _));
        Assert.False(Cell.Of("y").TryGetBoolean(out _));
    }

    [Theory]
    [InlineData("2024-02-29", true, "2024-02-29T00:00:00+00:00")]
    [InlineData("2024-02-29T10:30:00Z", false, "2024-02-29T10:30:00+00:00")]
    [InlineData("2024-02-29 10:30", false, "2024-02-29T10:30:00+00:00")]
    [InlineData("2024-02-29T12:30:00+02:00", false, "2024-02-29T10:30:00+00:00")]
    public void Iso_dates_parse_and_default_to_utc(string text, bool dateOnly, string expectedUtc)
    {
        Assert.True(Cell.Of(text).TryGetDate(out var value, out var isDateOnly));
        Assert.Equal(dateOnly, isDateOnly);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("12:30")]
    [InlineData("3/4/2024")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-01-01x")]
    [InlineData("May 2024")]
    public void Non_iso_or_invalid_dates_do_not_parse(string text)
    {
        Assert.False(Cell.Of(text).TryGetDate(out _, out _));
    }

    [Fact]
    public void ToString_gives_the_readable_value()
    {
        Assert.Equal("0.1", Cell.Of(0.1).ToString());
        Assert.Equal("true", Cell.Of(true).ToString());
        Assert.Equal("", Cell.Missing.ToString());
        Assert.Equal("a b", Cell.Of("a b").ToString());
    }
}
