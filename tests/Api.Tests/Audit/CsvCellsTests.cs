using Actors.Api.Audit;

namespace Actors.Api.Tests.Audit;

public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=cmd|' /C calc'!A0,", "\"'=cmd|' /C calc'!A0,\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void A_cell_is_quoted_when_needed_and_never_starts_a_formula(string? value, string expected) =>
        Assert.Equal(expected, CsvCells.Escape(value));

    [Fact]
    public void A_row_joins_cells_with_commas_and_ends_with_CRLF() =>
        Assert.Equal("a,'=b,\"c,d\"\r\n", CsvCells.Row("a", "=b", "c,d"));
}
