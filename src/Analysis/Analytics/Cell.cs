using System.Globalization;

namespace Actors.Analytics;

/// <summary>
/// One value of a <see cref="DataTable"/>: missing, a string, a finite double or a bool.
/// A value type so a column of 100k cells is one array rather than 100k boxed objects.
/// </summary>
public readonly struct Cell : IEquatable<Cell>
{
    private readonly string? _text;
    private readonly double _number;

    private Cell(CellKind kind, string? text, double number)
    {
        Kind = kind;
        _text = text;
        _number = number;
    }

    public CellKind Kind { get; }

    public bool IsMissing => Kind == CellKind.Missing;

    public static Cell Missing => default;

    /// <summary>The string, or null unless <see cref="Kind"/> is <see cref="CellKind.Text"/>.</summary>
    public string? Text => Kind == CellKind.Text ? _text : null;

    /// <summary>The number, or null unless <see cref="Kind"/> is <see cref="CellKind.Number"/>.</summary>
    public double? Number => Kind == CellKind.Number ? _number : null;

    /// <summary>The bool, or null unless <see cref="Kind"/> is <see cref="CellKind.Boolean"/>.</summary>
    public bool? Boolean => Kind == CellKind.Boolean ? _number != 0 : null;

    /// <summary>
    /// A text cell. Null, empty and whitespace-only strings are missing: CSV cannot tell an empty
    /// string from an absent value, so JSON and direct construction follow the same rule.
    /// </summary>
    public static Cell Of(string? text) =>
        string.IsNullOrWhiteSpace(text) ? default : new Cell(CellKind.Text, text, 0);

    /// <summary>A number cell. NaN is the conventional missing marker; infinities have no JSON form and are rejected.</summary>
    public static Cell Of(double number)
    {
        if (double.IsNaN(number))
        {
            return default;
        }
        if (double.IsInfinity(number))
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A cell cannot hold an infinite number.");
        }
        return new Cell(CellKind.Number, null, number);
    }

    public static Cell Of(bool value) => new(CellKind.Boolean, null, value ? 1 : 0);

    public static implicit operator Cell(string? text) => Of(text);

    public static implicit operator Cell(double number) => Of(number);

    public static implicit operator Cell(int number) => Of(number);

    public static implicit operator Cell(bool value) => Of(value);

    /// <summary>A number cell, or a text cell holding an invariant-culture finite number (e.g. "1.5e3", " -2 ").</summary>
    public bool TryGetNumber(out double value)
    {
        switch (Kind)
        {
            case CellKind.Number:
                value = _number;
                return true;
            case CellKind.Text:
                // Float excludes thousands separators, which would make "1,234" ambiguous with lists.
                return double.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                    && double.IsFinite(value);
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>A bool cell, or a text cell holding true/false/yes/no in any case.</summary>
    public bool TryGetBoolean(out bool value)
    {
        switch (Kind)
        {
            case CellKind.Boolean:
                value = _number != 0;
                return true;
            case CellKind.Text:
                var text = _text.AsSpan().Trim();
                if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
                {
                    value = true;
                    return true;
                }
                if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase))
                {
                    value = false;
                    return true;
                }
                break;
        }
        value = false;
        return false;
    }

    /// <summary>
    /// A text cell holding an ISO-8601-shaped date (yyyy-MM-dd) or date-time (yyyy-MM-dd followed by
    /// 'T' or a space and a time, optionally an offset). The shape is required because the general
    /// parser also accepts "3/4" (ambiguous) and "12:30" (dated today, so not reproducible).
    /// Values without an offset are taken as UTC.
    /// </summary>
    public bool TryGetDate(out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = false;
        if (Kind != CellKind.Text)
        {
            return false;
        }
        var text = _text.AsSpan().Trim();
        if (!HasIsoDatePrefix(text))
        {
            return false;
        }
        if (text.Length == 10)
        {
            dateOnly = true;
            return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        }
        return text[10] is 'T' or 't' or ' '
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool HasIsoDatePrefix(ReadOnlySpan<char> text) =>
        text.Length >= 10
        && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3])
        && text[4] == '-'
        && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6])
        && text[7] == '-'
        && char.IsAsciiDigit(text[8]) && char.IsAsciiDigit(text[9]);

    /// <summary>The value as a user would read it: the text, a round-trippable number, "true"/"false", or "" if missing.</summary>
    public override string ToString() => Kind switch
    {
        CellKind.Text => _text!,
        CellKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        CellKind.Boolean => _number != 0 ? "true" : "false",
        _ => string.Empty,
    };

    public bool Equals(Cell other) => Kind == other.Kind && Kind switch
    {
        CellKind.Text => string.Equals(_text, other._text, StringComparison.Ordinal),
        CellKind.Number or CellKind.Boolean => _number.Equals(other._number),
        _ => true,
    };

    public override bool Equals(object? obj) => obj is Cell other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        CellKind.Text => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(_text!)),
        CellKind.Number or CellKind.Boolean => HashCode.Combine(Kind, _number),
        _ => 0,
    };

    public static bool operator ==(Cell left, Cell right) => left.Equals(right);

    public static bool operator !=(Cell left, Cell right) => !left.Equals(right);
}
