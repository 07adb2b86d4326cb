using System.Buffers;
using System.Text;

namespace Actors.Analytics;

/// <summary>
/// Reads RFC 4180 records one at a time: fields split by one separator (comma unless told otherwise),
/// optional double quotes with "" as an escaped quote, newlines (CRLF, LF or a lone CR) allowed inside
/// quotes. Lines with no characters at all are skipped, so trailing newlines are harmless. A quote inside
/// an unquoted field is kept literally, the common lenient reading of hand-made files. This is the only
/// CSV parser: counting a header's fields and reading its rows give one answer.
/// </summary>
internal sealed class CsvRecords
{
    private readonly SearchValues<char> _fieldEnds;
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");

    private readonly string _text;
    private readonly char _separator;
    private readonly int _maxFieldChars;
    private readonly StringBuilder _quoted = new();
    private int _position;
    private int _line = 1;

    /// <param name="maxFieldChars">A longer field is refused as it is scanned, before it is copied.</param>
    public CsvRecords(string text, char separator = ',', int maxFieldChars = int.MaxValue)
    {
        if (separator is '"' or '\r' or '\n')
        {
            throw new ArgumentOutOfRangeException(nameof(separator), separator, "A quote or a line break cannot separate fields.");
        }
        // A UTF-8 BOM decoded as text arrives as U+FEFF and would otherwise glue onto the first header.
        _position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        _text = text;
        _separator = separator;
        _maxFieldChars = maxFieldChars;
        _fieldEnds = SearchValues.Create([separator, '\r', '\n']);
    }

    /// <summary>
    /// Reads the next record, keeping at most <paramref name="maxFields"/> fields in <paramref name="fields"/>;
    /// the rest are scanned and counted but never copied. False at the end of input.
    /// </summary>
    /// <param name="count">The record's number of fields, kept or not.</param>
    /// <param name="line">The 1-based line on which the record starts.</param>
    public bool TryRead(List<string> fields, int maxFields, out int count, out int line)
    {
        fields.Clear();
        count = 0;
        SkipEmptyLines();
        line = _line;
        if (_position >= _text.Length)
        {
            return false;
        }
        while (true)
        {
            var keep = count < maxFields;
            var field = _position < _text.Length && _text[_position] == '"' ? ReadQuoted(keep, line, count + 1) : ReadUnquoted(keep, line, count + 1);
            count++;
            if (keep)
            {
                fields.Add(field!);
            }
            if (_position >= _text.Length)
            {
                return true;
            }
            var separator = _text[_position++];
            if (separator == _separator)
            {
                continue;
            }
            ConsumeLineBreak(separator);
            return true;
        }
    }

    /// <summary>Reads the next record whole.</summary>
    public bool TryRead(List<string> fields, out int line) => TryRead(fields, int.MaxValue, out _, out line);

    private void SkipEmptyLines()
    {
        while (_position < _text.Length && _text[_position] is '\r' or '\n')
        {
            ConsumeLineBreak(_text[_position++]);
        }
    }

    /// <summary>Counts a line break whose first character was just consumed, swallowing the LF of a CRLF.</summary>
    private void ConsumeLineBreak(char first)
    {
        if (first == '\r' && _position < _text.Length && _text[_position] == '\n')
        {
            _position++;
        }
        _line++;
    }

    private string? ReadUnquoted(bool keep, int line, int field)
    {
        var rest = _text.AsSpan(_position);
        var length = rest.IndexOfAny(_fieldEnds);
        if (length < 0)
        {
            length = rest.Length;
        }
        CheckLength(length, line, field);
        var value = keep ? _text.Substring(_position, length) : null;
        _position += length;
        return value;
    }

    private string? ReadQuoted(bool keep, int line, int field)
    {
        var startLine = _line;
        _position++;
        _quoted.Clear();
        var length = 0;
        while (true)
        {
            var rest = _text.AsSpan(_position);
            var stop = rest.IndexOfAny(QuotedStops);
            if (stop < 0)
            {
                throw new DataFormatException($"CSV line {startLine}: a quoted field is never closed.");
            }
            length += stop;
            CheckLength(length, line, field);
            if (keep)
            {
                _quoted.Append(rest[..stop]);
            }
            _position += stop;
            var c = _text[_position++];
            if (c == '"')
            {
                if (_position < _text.Length && _text[_position] == '"')
                {
                    length++;
                    if (keep)
                    {
                        _quoted.Append('"');
                    }
                    _position++;
                    continue;
                }
                break;
            }
            // A line break inside quotes is part of the value; keep it verbatim but count the line.
            length++;
            if (keep)
            {
                _quoted.Append(c);
            }
            if (c == '\r' && _position < _text.Length && _text[_position] == '\n')
            {
                length++;
                if (keep)
                {
                    _quoted.Append('\n');
                }
                _position++;
            }
            _line++;
        }
        CheckLength(length, line, field);
        if (_position < _text.Length && _text[_position] != _separator && _text[_position] is not ('\r' or '\n'))
        {
            throw new DataFormatException(
                $"CSV line {_line}: unexpected character '{_text[_position]}' after a closing quote; a quote inside a quoted field must be doubled (\"\").");
        }
        return keep ? _quoted.ToString() : null;
    }

    private void CheckLength(int length, int line, int field)
    {
        if (length > _maxFieldChars)
        {
            throw new DataFormatException($"CSV line {line}, field {field}: a cell has more than {_maxFieldChars} characters; at most {_maxFieldChars} are accepted.", TableLimit.CellChars, _maxFieldChars, null);
        }
    }
}
