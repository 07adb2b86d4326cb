namespace Actors.Api.Audit;

/// <summary>
/// Writes CSV (RFC 4180) that is safe to open in a spreadsheet: a cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return is prefixed with <c>'</c>, so it is shown as text rather
/// than run as a formula; cells holding a comma, quote or line break are quoted.
/// </summary>
public static class CsvCells
{
    /// <summary>The cell as it is written, without the separator.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One record: cells separated by commas, ended by CRLF.</summary>
    public static string Row(params IEnumerable<string?> cells) => string.Join(',', cells.Select(Escape)) + "\r\n";
}
