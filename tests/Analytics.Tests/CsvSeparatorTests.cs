namespace Actors.Analytics.Tests;

public sealed class CsvSeparatorTests
{
    [Theory]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("a;b;c\n1,5;2;3\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("a|b|c\n1|2|3\n", '|')]
    [InlineData("\uFEFF\na;b\n1;2\n", ';')]
    [InlineData("\"x;y\",b\n1,2\n", ',')]
    [InlineData("single\n1\n", ',')]
    [InlineData("a,b;c\n1,2;3\n", ',')]
    [InlineData("a\"x;b;c;d;e;f\"\n1;2;3;4;5;6\n", ';')] // A stray quote is literal to the parser, so to detection too.
    public void The_header_line_decides_the_separator(string csv, char expected)
    {
        Assert.Equal(expected, CsvSeparator.Detect(csv));
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Each_separator_reads_quotes_and_decimal_commas_as_the_comma_does(char separator)
    {
        var csv = $"name{separator}amount\n\"a{separator}b\"{separator}1,5\n\"she said \"\"hi\"\"\"{separator}2\n";

        var table = TableReader.FromCsv(csv, separator: separator);

        Assert.Equal(["name", "amount"], table.Columns);
        Assert.Equal($"a{separator}b", table[0, "name"].Text);
        Assert.Equal("1,5", table[0, "amount"].Text);
        Assert.Equal("she said \"hi\"", table[1, "name"].Text);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_checked_against_the_separator_in_use()
    {
        var error = Assert.Throws<DataFormatException>(() => TableReader.FromCsv("a;b\n\"x\",y;2\n", separator: ';'));

        Assert.Contains("after a closing quote", error.Message);
    }

    [Theory]
    [InlineData(",", ',')]
    [InlineData("comma", ',')]
    [InlineData(";", ';')]
    [InlineData("semicolon", ';')]
    [InlineData("\t", '\t')]
    [InlineData("tab", '\t')]
    [InlineData("TAB", '\t')]
    [InlineData("\\t", '\t')]
    [InlineData("|", '|')]
    [InlineData("pipe", '|')]
    public void A_named_separator_is_read(string text, char expected)
    {
        Assert.True(CsvSeparator.TryParse(text, out var separator));
        Assert.Equal(expected, separator);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("\"")]
    [InlineData(null)]
    public void Another_separator_is_not(string? text)
    {
        Assert.False(CsvSeparator.TryParse(text, out _));
    }

    [Fact]
    public void A_table_written_as_csv_reads_back_the_same()
    {
        var original = TableReader.FromCsv("name;note;n\n\"a,b\";\"line\nbreak\";1\n\"q\"\"uote\";;2\n", separator: ';');

        var written = TableCsv.Write(original);
        var read = TableReader.FromCsv(written);

        Assert.Equal(original.Columns, read.Columns);
        Assert.Equal(original.RowCount, read.RowCount);
        for (var r = 0; r < original.RowCount; r++)
        {
            for (var c = 0; c < original.ColumnCount; c++)
            {
                Assert.Equal(original[r, c], read[r, c]);
            }
        }
    }
}
