namespace Actors.Analytics;

/// <summary>The field separators a CSV upload may use, and how one is chosen when the caller names none.</summary>
public static class CsvSeparator
{
    /// <summary>Comma, semicolon, tab and pipe, in the order that breaks a tie.</summary>
    public static IReadOnlyList<char> Supported { get; } = [',', ';', '\t', '|'];

    /// <summary>
    /// The supported separator that occurs most often in the header line, outside double quotes; a comma
    /// when none occurs (a one-column file) or on a tie. Reads the header line only.
    /// </summary>
    public static char Detect(string csv)
    {
        Span<int> counts = stackalloc int[4];
        var quoted = false;
        var i = csv.Length > 0 && csv[0] == '\uFEFF' ? 1 : 0;
        while (i < csv.Length && csv[i] is '\r' or '\n')
        {
            i++;
        }
        for (; i < csv.Length; i++)
        {
            var c = csv[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && c is ',' or ';' or '\t' or '|')
            {
                counts[c switch { ',' => 0, ';' => 1, '\t' => 2, _ => 3 }]++;
            }
        }
        var best = 0;
        for (var s = 1; s < counts.Length; s++)
        {
            if (counts[s] > counts[best])
            {
                best = s;
            }
        }
        return Supported[best];
    }

    /// <summary>Reads a separator named by a caller: the character itself, or <c>tab</c>, <c>comma</c>, <c>semicolon</c>, <c>pipe</c>.</summary>
    public static bool TryParse(string? text, out char separator)
    {
        separator = (text is { Length: > 1 } ? text.Trim().ToLowerInvariant() : text) switch
        {
            "," or "comma" => ',',
            ";" or "semicolon" => ';',
            "\t" or "\\t" or "tab" => '\t',
            "|" or "pipe" => '|',
            _ => '\0',
        };
        return separator != '\0';
    }
}
