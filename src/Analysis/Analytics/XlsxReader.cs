using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Actors.Analytics;

/// <summary>
/// Reads one sheet of an XLSX workbook into a table. The Open XML SDK opens the package and finds the parts;
/// each part (workbook, styles, shared strings, the sheet) is then read as an XML stream, never as a document
/// tree, and every value arrives in pieces, so a compressed part that inflates to gigabytes (a zip bomb of
/// shared strings) is refused at the limit rather than held: shared strings are charged to the table's bytes
/// as they are read, every value is bounded by the cell size, and each part by <see cref="PartChars"/>.
/// The first non-empty row is the header; empty rows are skipped; a cached formula result is its value;
/// numbers in a date format become ISO dates (yyyy-MM-dd, or yyyy-MM-ddTHH:mm:ss with a time).
/// </summary>
internal sealed class XlsxReader
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Excel's last column, XFD.</summary>
    private const int MaxSheetColumns = 16_384;

    private readonly TableLimits _limits;
    private readonly TableBuilder _table;
    private readonly StringBuilder _text = new();
    private readonly char[] _chunk = new char[4_096];
    private readonly List<string> _sharedStrings = [];
    private readonly HashSet<int> _dateStyles = [];
    private bool _date1904;

    private XlsxReader(TableLimits limits)
    {
        _limits = limits;
        _table = new TableBuilder(limits);
    }

    /// <summary>Characters of XML one part may hold: the table's bytes limit, a bound on reading time more than on memory.</summary>
    private long PartChars => _limits.MaxBytes;

    public static DataTable Read(Stream workbook, string? sheetName, TableLimits limits)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(workbook, isEditable: false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or XmlException)
        {
            throw new DataFormatException("The file is not an XLSX workbook (Office Open XML spreadsheet); save it as .xlsx or CSV.", ex);
        }
        using (document)
        {
            try
            {
                return new XlsxReader(limits).ReadSheet(document, sheetName);
            }
            catch (XmlException ex)
            {
                // Malformed XML, a DTD, or a part over PartChars (the message names the limit).
                throw new DataFormatException($"The workbook cannot be read: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException)
            {
                throw new DataFormatException($"The workbook cannot be read: {ex.Message}", ex);
            }
        }
    }

    private DataTable ReadSheet(SpreadsheetDocument document, string? sheetName)
    {
        var workbook = document.WorkbookPart ?? throw new DataFormatException("The workbook has no workbook part.");
        var sheets = ReadSheetList(workbook);
        if (sheets.Count == 0)
        {
            throw new DataFormatException("The workbook has no sheets.");
        }
        var (name, relationshipId) = sheetName is null
            ? sheets[0]
            : sheets.FirstOrDefault(s => s.Name == sheetName) is { Name: not null } named
                ? named
                : throw new DataFormatException($"The workbook has no sheet named '{sheetName}'. Its sheets: {string.Join(", ", sheets.Select(s => s.Name))}.");
        if (relationshipId is null || workbook.GetPartById(relationshipId) is not WorksheetPart sheet)
        {
            throw new DataFormatException($"Sheet '{name}' is not a worksheet (a chart sheet or a missing part).");
        }
        if (workbook.WorkbookStylesPart is { } styles)
        {
            ReadDateStyles(styles);
        }
        if (workbook.SharedStringTablePart is { } sharedStrings)
        {
            ReadSharedStrings(sharedStrings);
        }
        ReadRows(sheet, name);
        if (_table.ColumnCount == 0)
        {
            throw new DataFormatException($"Sheet '{name}' is empty; a header row is required.");
        }
        if (_table.RowCount == 0)
        {
            throw new DataFormatException($"Sheet '{name}' has a header but no data rows.");
        }
        return _table.Build();
    }

    private XmlReader Open(OpenXmlPart part) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = PartChars,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    private List<(string Name, string? RelationshipId)> ReadSheetList(WorkbookPart workbook)
    {
        var sheets = new List<(string, string?)>();
        using var xml = Open(workbook);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (xml.LocalName == "workbookPr")
            {
                _date1904 = xml.GetAttribute("date1904") is "1" or "true";
            }
            else if (xml.LocalName == "sheet" && sheets.Count < 1_000)
            {
                sheets.Add((xml.GetAttribute("name") ?? $"Sheet{sheets.Count + 1}", xml.GetAttribute("id", RelationshipsNamespace)));
            }
        }
        return sheets;
    }

    /// <summary>The cell styles (indexes into cellXfs) whose number format shows a date or a time.</summary>
    private void ReadDateStyles(WorkbookStylesPart styles)
    {
        var customDates = new HashSet<int>();
        var inCellFormats = false;
        var index = 0;
        using var xml = Open(styles);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                inCellFormats = false;
            }
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (xml.LocalName)
            {
                case "numFmt" when int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id)
                    && IsDateFormatCode(xml.GetAttribute("formatCode")):
                    customDates.Add(id);
                    break;
                case "cellXfs":
                    inCellFormats = !xml.IsEmptyElement;
                    break;
                case "xf" when inCellFormats:
                    if (int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var format)
                        && (IsBuiltInDateFormat(format) || customDates.Contains(format)))
                    {
                        _dateStyles.Add(index);
                    }
                    index++;
                    break;
            }
        }
    }

    private static bool IsBuiltInDateFormat(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>A format code shows a date when, outside quoted text, escapes and [colour]/[$-locale] brackets, it has y, d or h.</summary>
    private static bool IsDateFormatCode(string? code)
    {
        if (code is null)
        {
            return false;
        }
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                bracket = true;
            }
            else if (c == ']')
            {
                bracket = false;
            }
            else if (!bracket && char.ToLowerInvariant(c) is 'y' or 'd' or 'h')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads the shared strings, charging each to the table's bytes as it arrives.</summary>
    private void ReadSharedStrings(SharedStringTablePart part)
    {
        using var xml = Open(part);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                var text = ReadStringItem(xml, $"Shared string {_sharedStrings.Count + 1}");
                _table.Charge(TableBuilder.TextBytes(text.Length), $"Shared string {_sharedStrings.Count + 1}");
                _sharedStrings.Add(text);
            }
        }
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt;: its &lt;t&gt; runs joined, phonetic runs (&lt;rPh&gt;) left out.</summary>
    private string ReadStringItem(XmlReader xml, string where)
    {
        _text.Clear();
        ForEachChild(xml, () => xml.LocalName switch
        {
            "t" => AppendContent(xml, where),
            "r" => ForEachChild(xml, () => xml.LocalName == "t" && AppendContent(xml, where)),
            _ => false,
        });
        return _text.ToString();
    }

    /// <summary>
    /// Walks the child elements of the element the reader is on. <paramref name="visit"/> either reads the child
    /// to its last node (its end tag, or the child itself when empty) and answers true, or answers false to have
    /// it skipped. Leaves the reader on the parent's last node; answers true, so visits can nest.
    /// </summary>
    private static bool ForEachChild(XmlReader xml, Func<bool> visit)
    {
        if (xml.IsEmptyElement)
        {
            return true;
        }
        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1)
            {
                if (visit())
                {
                    xml.Read();
                }
                else
                {
                    xml.Skip();
                }
            }
            else
            {
                xml.Read();
            }
        }
        return true;
    }

    /// <summary>
    /// Appends the text content of the element the reader is on, in chunks, refusing it past the cell size
    /// before it is all read; leaves the reader on the element's end tag.
    /// </summary>
    private bool AppendContent(XmlReader xml, string where)
    {
        if (xml.IsEmptyElement)
        {
            return true;
        }
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
            {
                continue;
            }
            int read;
            while ((read = xml.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                if (_text.Length + read > _limits.MaxCellChars)
                {
                    throw new DataFormatException($"{where}: a value has more than {_limits.MaxCellChars} characters; at most {_limits.MaxCellChars} are accepted.",
                        TableLimit.CellChars, _limits.MaxCellChars, null);
                }
                _text.Append(_chunk, 0, read);
            }
        }
        return true;
    }

    private void ReadRows(WorksheetPart sheet, string sheetName)
    {
        // Sheet column index → table column, fixed by the header row.
        Dictionary<int, int>? columns = null;
        var cells = new List<(int Column, Cell Cell)>();
        var rowNumber = 0;
        using var xml = Open(sheet);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }
            rowNumber = int.TryParse(xml.GetAttribute("r"), CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
            ReadCells(xml, rowNumber, cells);
            if (columns is null)
            {
                columns = ReadHeader(cells, $"Sheet '{sheetName}' row {rowNumber}");
            }
            else if (SetDataRow(cells, columns, rowNumber))
            {
                _table.EndRow();
            }
        }
    }

    /// <summary>The header's names, by sheet column; null for a row with no text (keep looking).</summary>
    private Dictionary<int, int>? ReadHeader(List<(int Column, Cell Cell)> cells, string where)
    {
        var names = new SortedDictionary<int, string>();
        foreach (var (column, cell) in cells)
        {
            var name = cell.ToString().Trim();
            if (name.Length > 0 && !names.TryAdd(column, name))
            {
                throw new DataFormatException($"{where}: cell {ColumnName(column)} appears twice.");
            }
        }
        if (names.Count == 0)
        {
            return null;
        }
        var columns = new Dictionary<int, int>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var expected = names.Keys.First();
        foreach (var (column, name) in names)
        {
            if (column != expected)
            {
                throw new DataFormatException($"{where}: header cell {ColumnName(expected)} is empty; every column needs a name.");
            }
            if (!seen.TryAdd(name, column))
            {
                throw new DataFormatException($"{where}: the header names column '{name}' twice ({ColumnName(seen[name])} and {ColumnName(column)}).");
            }
            columns[column] = _table.AddColumn(name, $"{where}, cell {ColumnName(column)}");
            expected++;
        }
        return columns;
    }

    /// <summary>Puts one data row's values in the table; false when it holds none (skipped, as CSV skips empty lines).</summary>
    private bool SetDataRow(List<(int Column, Cell Cell)> cells, Dictionary<int, int> columns, int rowNumber)
    {
        var any = false;
        foreach (var (column, cell) in cells)
        {
            if (cell.IsMissing)
            {
                continue;
            }
            if (!columns.TryGetValue(column, out var target))
            {
                throw new DataFormatException($"Sheet row {rowNumber}, cell {ColumnName(column)}{rowNumber}: a value outside the header's columns.");
            }
            if (!_table.Set(target, cell))
            {
                throw new DataFormatException($"Sheet row {rowNumber}: cell {ColumnName(column)}{rowNumber} appears twice.");
            }
            any = true;
        }
        return any;
    }

    /// <summary>Reads the cells of the &lt;row&gt; the reader is on, with their 0-based sheet column.</summary>
    private void ReadCells(XmlReader xml, int rowNumber, List<(int Column, Cell Cell)> cells)
    {
        cells.Clear();
        var column = -1;
        ForEachChild(xml, () =>
        {
            if (xml.LocalName != "c")
            {
                return false;
            }
            column = xml.GetAttribute("r") is { } reference ? ColumnOf(reference, rowNumber) : column + 1;
            if (column >= MaxSheetColumns || cells.Count == MaxSheetColumns)
            {
                throw new DataFormatException($"Sheet row {rowNumber}: a cell beyond column XFD.");
            }
            cells.Add((column, ReadCell(xml, $"Sheet row {rowNumber}, cell {ColumnName(column)}")));
            return true;
        });
    }

    /// <summary>Reads the &lt;c&gt; the reader is on, to its last node.</summary>
    private Cell ReadCell(XmlReader xml, string where)
    {
        var type = xml.GetAttribute("t");
        var style = int.TryParse(xml.GetAttribute("s"), CultureInfo.InvariantCulture, out var s) ? s : 0;
        string? value = null;
        string? inline = null;
        // A formula (<f>) or an extension is skipped: the cached <v> is the value.
        ForEachChild(xml, () =>
        {
            switch (xml.LocalName)
            {
                case "v":
                    _text.Clear();
                    AppendContent(xml, where);
                    value = _text.ToString();
                    return true;
                case "is":
                    inline = ReadStringItem(xml, where);
                    return true;
                default:
                    return false;
            }
        });
        return ToCell(type, style, value, inline, where);
    }

    private Cell ToCell(string? type, int style, string? value, string? inline, string where)
    {
        switch (type)
        {
            case "s":
                if (!int.TryParse(value, CultureInfo.InvariantCulture, out var index) || index < 0 || index >= _sharedStrings.Count)
                {
                    throw new DataFormatException($"{where}: the shared string '{value}' does not exist.");
                }
                return Cell.Of(_sharedStrings[index]);
            case "inlineStr":
                return Cell.Of(inline);
            case "str" or "d":
                return Cell.Of(value);
            case "b":
                return value is null ? Cell.Missing : Cell.Of(value is "1" or "true");
            case "e":
                return Cell.Missing; // #DIV/0!, #N/A: no value.
        }
        if (value is null)
        {
            return Cell.Missing;
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw new DataFormatException($"{where}: '{value}' is not a number.");
        }
        return _dateStyles.Contains(style) && DateText(number) is { } date ? Cell.Of(date) : Cell.Of(number);
    }

    /// <summary>A serial date as ISO text (Excel's 1900 system, or 1904 when the workbook says so); null out of range.</summary>
    private string? DateText(double serial)
    {
        if (_date1904)
        {
            serial += 1_462;
        }
        if (serial is < 1 or > 2_958_465)
        {
            return null;
        }
        var date = DateTime.FromOADate(serial);
        // Round to the second: serials carry binary fractions of a day.
        date = new DateTime((date.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        return date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>The 0-based column of a cell reference such as "AB12".</summary>
    private static int ColumnOf(string reference, int rowNumber)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (++letters > 3)
            {
                break;
            }
        }
        if (letters is 0 or > 3)
        {
            throw new DataFormatException($"Sheet row {rowNumber}: '{reference}' is not a cell reference.");
        }
        return column - 1;
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }
}
