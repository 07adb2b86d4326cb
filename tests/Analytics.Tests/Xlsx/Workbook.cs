using System.IO.Compression;
using System.Security;
using System.Text;

namespace Actors.Analytics.Tests.Xlsx;

/// <summary>
/// Builds XLSX packages part by part, as Excel lays them out (content types, relationships, workbook, sheets,
/// shared strings, styles), so tests control every byte, hostile parts included. Rows are given as cells:
/// a string is a shared string, a number a number, a bool a boolean, null no cell.
/// </summary>
public sealed class Workbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly List<(string Name, string SheetData)> _sheets = [];
    private readonly List<string> _strings = [];
    private Action<TextWriter>? _sharedStringsXml;
    private string _stylesXml = $"""<styleSheet xmlns="{Main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd;@"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="22"/></cellXfs></styleSheet>""";

    /// <summary>Style indexes of the default styles part: 1 is the built-in short date, 2 a custom yyyy-mm-dd, 3 date and time.</summary>
    public const int DateStyle = 1, CustomDateStyle = 2, DateTimeStyle = 3;

    public Workbook Sheet(string name, params object?[][] rows)
    {
        var xml = new StringBuilder();
        for (var r = 0; r < rows.Length; r++)
        {
            xml.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                xml.Append(CellXml(ColumnName(c) + (r + 1), rows[r][c]));
            }
            xml.Append("</row>");
        }
        return RawSheet(name, xml.ToString());
    }

    /// <summary>A sheet whose &lt;sheetData&gt; content is given as XML.</summary>
    public Workbook RawSheet(string name, string sheetData)
    {
        _sheets.Add((name, sheetData));
        return this;
    }

    /// <summary>Replaces the shared strings part with XML written piece by piece (a hostile one, too large to hold as one string).</summary>
    public Workbook RawSharedStrings(Action<TextWriter> write)
    {
        _sharedStringsXml = write;
        return this;
    }

    /// <summary>A zip bomb of shared strings: <paramref name="count"/> strings of <paramref name="length"/> characters, which deflate to almost nothing.</summary>
    public Workbook BombSharedStrings(int count, int length) => RawSharedStrings(writer =>
    {
        var text = new string('x', length);
        writer.Write($"<sst xmlns=\"{Main}\" count=\"{count}\" uniqueCount=\"{count}\">");
        for (var i = 0; i < count; i++)
        {
            writer.Write("<si><t>");
            writer.Write(text);
            writer.Write("</t></si>");
        }
        writer.Write("</sst>");
    });

    public Workbook RawStyles(string xml)
    {
        _stylesXml = xml;
        return this;
    }

    /// <summary>A date cell: the serial number with a date style.</summary>
    public static object Date(double serial, int style = DateStyle) => new StyledNumber(serial, style);

    /// <summary>An inline string cell (t="inlineStr").</summary>
    public static object Inline(string text) => new InlineText(text);

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = new StringBuilder($"""<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
            var workbookRels = new StringBuilder();
            var sheets = new StringBuilder();
            for (var i = 0; i < _sheets.Count; i++)
            {
                overrides.Append($"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
                workbookRels.Append($"""<Relationship Id="rId{i + 1}" Type="{Relationships}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""");
                sheets.Append($"""<sheet name="{SecurityElement.Escape(_sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
                Add(zip, $"xl/worksheets/sheet{i + 1}.xml", $"""<worksheet xmlns="{Main}" xmlns:r="{Relationships}"><sheetData>{_sheets[i].SheetData}</sheetData></worksheet>""");
            }
            overrides.Append("""<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
            overrides.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
            workbookRels.Append($"""<Relationship Id="rIdS" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""");
            workbookRels.Append($"""<Relationship Id="rIdT" Type="{Relationships}/styles" Target="styles.xml"/>""");

            Add(zip, "[Content_Types].xml", $"""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>""");
            Add(zip, "_rels/.rels", $"""<Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add(zip, "xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets>{sheets}</sheets></workbook>""");
            Add(zip, "xl/_rels/workbook.xml.rels", $"""<Relationships xmlns="{PackageRelationships}">{workbookRels}</Relationships>""");
            Add(zip, "xl/sharedStrings.xml", _sharedStringsXml
                ?? (writer => writer.Write($"""<sst xmlns="{Main}" count="{_strings.Count}" uniqueCount="{_strings.Count}">{string.Concat(_strings.Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>"))}</sst>""")));
            Add(zip, "xl/styles.xml", _stylesXml);
        }
        return buffer.ToArray();
    }

    public MemoryStream ToStream() => new(ToBytes());

    private string CellXml(string reference, object? value) => value switch
    {
        null => "",
        string text => $"<c r=\"{reference}\" t=\"s\"><v>{SharedIndex(text)}</v></c>",
        bool flag => $"<c r=\"{reference}\" t=\"b\"><v>{(flag ? 1 : 0)}</v></c>",
        StyledNumber n => $"<c r=\"{reference}\" s=\"{n.Style}\"><v>{n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v></c>",
        InlineText t => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(t.Text)}</t></is></c>",
        IConvertible number => $"<c r=\"{reference}\"><v>{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v></c>",
        _ => throw new ArgumentException($"No cell for {value.GetType()}."),
    };

    private int SharedIndex(string text)
    {
        var index = _strings.IndexOf(text);
        if (index < 0)
        {
            _strings.Add(text);
            index = _strings.Count - 1;
        }
        return index;
    }

    private static void Add(ZipArchive zip, string name, string xml) => Add(zip, name, writer => writer.Write(xml));

    private static void Add(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        write(writer);
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

    private sealed record StyledNumber(double Value, int Style);

    private sealed record InlineText(string Text);
}
