using System.Buffers;
using System.Text;

namespace Actors.Analytics;

/// <summary>
/// Reads RFC 4180 records one at a time: comma separated, optional double quotes with "" as an
/// escaped quote, newlines (CRLF, LF or a lone CR) allowed inside quotes. Lines with no characters
/// at all are skipped, so trailing newlines are harmless. A quote inside an unquoted field is kept
/// literally, the common lenient reading of hand-made files.
/// </summary>
internal sealed class CsvRecords
{
    private static readonly SearchValues<char> FieldEnds = SearchValues.Create(",\r\n");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");

    private readonly string _text;
    private readonly StringBuilder _quoted = new();
    private int _position;
    private int _line = 1;

    public CsvRecords(string text)
    {
        // A UTF-8 BOM decoded as text arrives as U+FEFF and would otherwise glue onto the first header.
        _position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        _text = text;
    }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of input.</summary>
    /// <param name="line">The 1-based line on which the record starts.</param>
    public bool TryRead(List<string> fields, out int line)
    {
        fields.Clear();
        SkipEmptyLines();
        line = _line;
        if (_position >= _text.Length)
        {
            return false;
        }
        while (true)
        {
            fields.Add(_position < _text.Length && _text[_position] == '"' ? ReadQuoted() : ReadUnquoted());
            if (_position >= _text.Length)
            {
                return true;
            }
            var separator = _text[_position++];
            if (separator == ',')
            {
                continue;
            }
            ConsumeLineBreak(separator);
            return true;
        }
    }

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

    private string ReadUnquoted()
    {
        var rest = _text.AsSpan(_position);
        var length = rest.IndexOfAny(FieldEnds);
        if (length < 0)
        {
            length = rest.Length;
        }
        var field = _text.Substring(_position, length);
        _position += length;
        return field;
    }

    private string ReadQuoted()
    {
        var startLine = _line;
        _position++;
        _quoted.Clear();
        while (true)
        {
            var rest = _text.AsSpan(_position);
            var stop = rest.IndexOfAny(QuotedStops);
            if (stop < 0)
            {
                throw new DataFormatException($"CSV line {startLine}: a quoted field is never closed.");
            }
            _quoted.Append(rest[..stop]);
            _position += stop;
            var c = _text[_position++];
            if (c == '"')
            {
                if (_position < _text.Length && _text[_position] == '"')
                {
                    _quoted.Append('"');
                    _position++;
                    continue;
                }
                break;
            }
            // A line break inside quotes is part of the value; keep it verbatim but count the line.
            _quoted.Append(c);
            if (c == '\r' && _position < _text.Length && _text[_position] == '\n')
            {
                _quoted.Append('\n');
                _position++;
            }
            _line++;
        }
        if (_position < _text.Length && _text[_position] is not (',' or '\r' or '\n'))
        {
            throw new DataFormatException(
                $"CSV line {_line}: unexpected character '{_text[_position]}' after a closing quote; a quote inside a quoted field must be doubled (\"\").");
        }
        return _quoted.ToString();
    }
}
