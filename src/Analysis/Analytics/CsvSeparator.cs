namespace Actors.Analytics;

/// <summary>The field separators a CSV upload may use, and how one is chosen when the caller names none.</summary>
public static class CsvSeparator
{
    /// <summary>Comma, semicolon, tab and pipe, in the order that breaks a tie.</summary>
    public static IReadOnlyList<char> Supported { get; } = [',', ';', '\t', '|'];

    /// <summary>
    /// The supported separator that splits the header into the most fields, as the CSV parser itself reads the
    /// header (so quotes mean what they mean when the rows are read); a comma on a tie, or for a one-column file.
    /// Reads the header record only, copying no field.
    /// </summary>
    public static char Detect(string csv)
    {
        var best = ',';
        var most = 0;
        var none = new List<string>();
        foreach (var separator in Supported)
        {
            int count;
            try
            {
                new CsvRecords(csv, separator).TryRead(none, 0, out count, out _);
            }
            catch (DataFormatException)
            {
                continue; // This separator leaves a quote open: not the one.
            }
            if (count > most)
            {
                (best, most) = (separator, count);
            }
        }
        return best;
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
