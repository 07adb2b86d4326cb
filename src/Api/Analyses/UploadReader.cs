using System.Runtime.InteropServices;
using System.Text;
using Actors.Analytics;
using Actors.Api.Limits;
using Actors.Api.Problems;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Analyses;

/// <summary>
/// Reads data sent as a file into an <see cref="Upload"/>: a <c>text/csv</c> body (comma, semicolon, tab or pipe
/// separated, detected from the header line unless <c>separator</c> names one) or an XLSX body (the first sheet,
/// or the one <c>sheet</c> names), with the other fields as query parameters; or <c>multipart/form-data</c> with
/// the data in a part named <c>file</c> and the fields as form fields (query parameters count too). The table
/// readers enforce the limits while they read. A plain class, so any endpoint that takes files can use it.
/// </summary>
public sealed class UploadReader(IOptions<InputLimits> inputLimits)
{
    public const string Csv = "text/csv";
    public const string Tsv = "text/tab-separated-values";
    public const string Multipart = "multipart/form-data";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string MediaTypesText = $"{Csv}, {Multipart} (a part named 'file') or an XLSX workbook ({Xlsx})";

    /// <summary>Media types a multipart file part may declare for CSV (browsers send application/vnd.ms-excel for .csv on Windows).</summary>
    private static readonly HashSet<string> CsvPartTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        Csv, Tsv, "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream",
    };

    private const string FilePart = "file";
    private const string SeparatorField = "separator";
    private const string SheetField = "sheet";
    private const string OptionPrefix = "options.";
    private const int MaxParts = 64;

    private readonly InputLimits _limits = inputLimits.Value;

    public static bool Accepts(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals(Tsv, StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals(Multipart, StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals(Xlsx, StringComparison.OrdinalIgnoreCase));

    public async Task<(Upload? Upload, IResult? Problem)> ReadAsync(HttpRequest http, TableLimits limits, CancellationToken cancellationToken)
    {
        var media = MediaTypeHeaderValue.Parse(http.ContentType);
        var fields = new Fields(_limits.MaxStringLength);
        foreach (var (name, values) in http.Query)
        {
            foreach (var value in values)
            {
                fields.Add(name, value ?? "");
            }
        }

        if (media.MediaType.Equals(Multipart, StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(http, media, fields, limits, cancellationToken);
        }
        if (media.MediaType.Equals(Xlsx, StringComparison.OrdinalIgnoreCase))
        {
            var (bytes, tooLarge) = await Utf8Body.ReadBytesAsync(http, cancellationToken);
            return tooLarge is not null ? (null, tooLarge) : ReadWorkbook(bytes, fields, limits);
        }
        var (utf8, refused) = await Utf8Body.ReadAsync(http, "CSV", cancellationToken);
        return refused is not null
            ? (null, refused)
            : ReadCsv(utf8, fields, limits, media.MediaType.Equals(Tsv, StringComparison.OrdinalIgnoreCase) ? '\t' : null);
    }

    private async Task<(Upload?, IResult?)> ReadMultipartAsync(HttpRequest http, MediaTypeHeaderValue media, Fields fields, TableLimits limits,
        CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            return (null, BadMultipart("The multipart/form-data content type names no boundary."));
        }
        var reader = new MultipartReader(boundary, http.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        (ReadOnlyMemory<byte> Bytes, string? FileName, string? ContentType)? file = null;
        try
        {
            var parts = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > MaxParts)
                {
                    return (null, Problem.Validation($"The upload has more than {MaxParts} parts.", new Dictionary<string, string[]> { [""] = [$"At most {MaxParts} parts."] }));
                }
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    return (null, BadMultipart("Every part needs Content-Disposition: form-data with a name."));
                }
                if (name != FilePart)
                {
                    fields.Add(name, await ReadFieldAsync(section.Body, cancellationToken));
                    continue;
                }
                if (file is not null)
                {
                    return (null, Problem.Validation("The upload has more than one file part.", new Dictionary<string, string[]> { [FilePart] = ["Send one file."] }));
                }
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, cancellationToken);
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                file = (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), fileName, section.ContentType);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Utf8Body.TooLarge());
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return (null, BadMultipart($"The multipart body cannot be read: {ex.Message}"));
        }

        if (file is not { } upload)
        {
            return (null, Problem.Validation("The upload has no file part.",
                new Dictionary<string, string[]> { [FilePart] = ["Required: the data as a part named 'file' (CSV or XLSX)."] }));
        }
        return FileFormat(upload.FileName, upload.ContentType, upload.Bytes.Span) switch
        {
            FileKind.Workbook => ReadWorkbook(upload.Bytes, fields, limits),
            FileKind.Text when Utf8Body.Check(upload.Bytes, "CSV") is var (utf8, refused) =>
                refused is not null ? (null, refused) : ReadCsv(utf8, fields, limits, Path.GetExtension(upload.FileName) is ".tsv" ? '\t' : null),
            _ => (null, Problem.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported file type",
                $"The file part is {upload.ContentType ?? "untyped"}{(upload.FileName is null ? "" : $" ('{upload.FileName}')")}; send CSV (text/csv) or an XLSX workbook. XLS (Excel 97-2003) files are not read: save as .xlsx or CSV.")),
        };
    }

    private enum FileKind
    {
        Text,
        Workbook,
        Unsupported,
    }

    private static FileKind FileFormat(string? fileName, string? contentType, ReadOnlySpan<byte> bytes)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var type = MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.MediaType.Value : null;
        if (extension == ".xls")
        {
            return FileKind.Unsupported;
        }
        if (extension == ".xlsx" || string.Equals(type, Xlsx, StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.Workbook;
        }
        if (type is not null && !CsvPartTypes.Contains(type))
        {
            return FileKind.Unsupported;
        }
        // An untyped or octet-stream part that is a ZIP package is taken for a workbook.
        return bytes.StartsWith("PK\u0003\u0004"u8) ? FileKind.Workbook : FileKind.Text;
    }

    /// <summary>A form field's value, read no further than one character past the string limit.</summary>
    private async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var buffer = new char[_limits.MaxStringLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return new string(buffer, 0, length);
    }

    private (Upload?, IResult?) ReadCsv(ReadOnlyMemory<byte> utf8, Fields fields, TableLimits limits, char? typeSeparator)
    {
        if (fields.Take(SheetField) is not null)
        {
            return (null, fields.Invalid(SheetField, "Applies to XLSX workbooks only."));
        }
        var text = Encoding.UTF8.GetString(utf8.Span);
        var named = fields.Take(SeparatorField);
        char separator;
        if (named is null)
        {
            separator = typeSeparator ?? CsvSeparator.Detect(text);
        }
        else if (!CsvSeparator.TryParse(named, out separator))
        {
            return (null, fields.Invalid(SeparatorField, "One of: , ; | tab (or comma, semicolon, pipe)."));
        }
        return Read(() => TableReader.FromCsv(text, limits, separator), fields, table => separator == ',' ? text : TableCsv.Write(table));
    }

    private (Upload?, IResult?) ReadWorkbook(ReadOnlyMemory<byte> bytes, Fields fields, TableLimits limits)
    {
        if (fields.Take(SeparatorField) is not null)
        {
            return (null, fields.Invalid(SeparatorField, "Applies to CSV only."));
        }
        var sheet = fields.Take(SheetField);
        var workbook = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        return Read(() => TableReader.FromXlsx(workbook, sheet, limits), fields, TableCsv.Write);
    }

    private (Upload?, IResult?) Read(Func<DataTable> read, Fields fields, Func<DataTable, string> csv)
    {
        if (fields.Problem() is { } problem)
        {
            return (null, problem);
        }
        DataTable table;
        try
        {
            table = read();
        }
        catch (DataFormatException ex)
        {
            return (null, DataProblem.From(ex, _limits));
        }
        return (new Upload(table, csv(table), fields.Named, fields.Options), null);
    }

    private static IResult BadMultipart(string detail) =>
        Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.BadRequest, "Malformed multipart body", detail);

    /// <summary>The submission's fields as they arrive, each at most once and within the string limit.</summary>
    private sealed class Fields(int maxLength)
    {
        private readonly Dictionary<string, string[]> _errors = [];
        private bool _tooLong;

        public Dictionary<string, string> Named { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

        public void Add(string name, string value)
        {
            if (value.Length > maxLength)
            {
                _tooLong = true;
                return;
            }
            var (target, key) = name.StartsWith(OptionPrefix, StringComparison.Ordinal) && name.Length > OptionPrefix.Length
                ? (Options, name[OptionPrefix.Length..])
                : (Named, name);
            if (name is "csv" or "data")
            {
                _errors[name] = ["The data is the body or the file part, not a field."];
            }
            else if (!target.TryAdd(key, value))
            {
                _errors[name] = ["Given more than once."];
            }
        }

        /// <summary>Removes and returns a field that describes the file rather than the submission.</summary>
        public string? Take(string name) => Named.Remove(name, out var value) ? value : null;

        public IResult Invalid(string name, string why)
        {
            _errors[name] = [why];
            return Problem()!;
        }

        public IResult? Problem()
        {
            if (_errors.Count == 0 && !_tooLong)
            {
                return null;
            }
            return _tooLong
                ? Actors.Api.Problems.Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.StringTooLong, "String too long",
                    $"A field of the submission has more than {maxLength} characters; at most {maxLength} are accepted.",
                    new Dictionary<string, object?> { ["limit"] = maxLength })
                : Actors.Api.Problems.Problem.Validation("Some fields are missing or not valid; see errors.", _errors);
        }
    }
}
