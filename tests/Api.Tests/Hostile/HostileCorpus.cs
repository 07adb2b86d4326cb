using Actors.Analytics.Tests.Xlsx;
using UploadReaderTypes = Actors.Api.Analyses.UploadReader;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// One hostile request and the answer it must get (status and problem code). <paramref name="Code"/> is null
/// when Kestrel itself refuses the request before the application sees it (a NUL in the path): a bare 400.
/// </summary>
public sealed record HostileCase(string Name, Func<HttpRequestMessage> Request, HttpStatusCode Status, string? Code);

/// <summary>
/// Hostile inputs through the API, against a <see cref="HostileNode"/>: oversized and deep bodies, long strings,
/// too many records or columns, broken and ragged CSV, odd encodings, ids with path separators, SQL and markup
/// metacharacters. Each must be a 4xx problem with a stable code.
/// </summary>
public static class HostileCorpus
{
    private const string Analyses = ApiCalls.Analyses;

    public static readonly IReadOnlyList<HostileCase> All = Build();

    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static HostileCase Named(string name) => All.Single(c => c.Name == name);

    private static List<HostileCase> Build()
    {
        var cases = new List<HostileCase>
        {
            // Size, depth and length.
            Submit("body over the size limit", Bodies.Csv("x\n" + new string('1', HostileNode.MaxBodyBytes)), HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
            Submit("json nested past the depth limit", WithOptions(Nested(HostileNode.MaxJsonDepth + 1)), HttpStatusCode.BadRequest, "json_too_deep"),
            Submit("json nested ten thousand deep", WithOptions(Nested(10_000)), HttpStatusCode.BadRequest, "json_too_deep"),
            Submit("question over the string limit", Question(new string('q', HostileNode.MaxStringLength + 1)), HttpStatusCode.UnprocessableEntity, "string_too_long"),
            Submit("escaped string over the string limit", Question(string.Concat(Enumerable.Repeat("\\u0041", HostileNode.MaxStringLength + 1)), raw: true), HttpStatusCode.UnprocessableEntity, "string_too_long"),
            Submit("property name over the string limit", $"{{\"type\":\"data_interpretation\",\"csv\":\"a\\n1\",\"{new string('p', HostileNode.MaxStringLength + 1)}\":1}}", HttpStatusCode.UnprocessableEntity, "string_too_long"),
            Submit("records over the record limit", Bodies.Records(Enumerable.Range(0, HostileNode.MaxRecords + 1).Select(i => new { x = i }).ToArray()), HttpStatusCode.UnprocessableEntity, "too_many_records"),
            Submit("csv rows over the record limit", Bodies.Csv("x\n" + string.Concat(Enumerable.Range(0, HostileNode.MaxRecords + 1).Select(i => $"{i}\n"))), HttpStatusCode.UnprocessableEntity, "too_many_records"),
            Submit("record fields over the column limit", Bodies.Records(new[] { Enumerable.Range(0, HostileNode.MaxColumns + 1).ToDictionary(i => $"c{i}", i => i) }), HttpStatusCode.UnprocessableEntity, "too_many_columns"),
            Submit("csv header with a stray quote that once hid columns from the column limit", Bodies.Csv("a\"x,b,c,d,e,f\"\n1,2,3,4,5,6\n"), HttpStatusCode.UnprocessableEntity, "too_many_columns"),
            Submit("csv cell over the cell size", Bodies.Csv("x\n" + new string('c', HostileNode.MaxCellChars + 1) + "\n"), HttpStatusCode.UnprocessableEntity, "cell_too_long"),
            Submit("record value over the cell size (the string limit comes first)", Bodies.Records(new[] { new { x = new string('c', HostileNode.MaxCellChars + 1) } }), HttpStatusCode.UnprocessableEntity, "string_too_long"),
            Submit("csv header over the column limit", Bodies.Csv(string.Join(',', Enumerable.Range(0, HostileNode.MaxColumns + 1).Select(i => $"c{i}")) + "\n" + string.Join(',', Enumerable.Range(0, HostileNode.MaxColumns + 1)) + "\n"), HttpStatusCode.UnprocessableEntity, "too_many_columns"),

            // Broken data.
            Submit("ragged csv row", Bodies.Csv("x,y\n1,2\n3\n4,5\n"), HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("csv row with an extra field", Bodies.Csv("x,y\n1,2,3\n"), HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("csv quote never closed", Bodies.Csv("x,y\n\"1,2\n"), HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("csv header only", Bodies.Csv("x,y\n"), HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("csv duplicate header", Bodies.Csv("x,x\n1,2\n"), HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("record with a nested object", Bodies.Records(new[] { new { x = new { y = 1 } } }), HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("record number out of range", "{\"type\":\"data_interpretation\",\"data\":{\"records\":[{\"x\":1e400}]}}", HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("record with a duplicate field", "{\"type\":\"data_interpretation\",\"data\":{\"records\":[{\"x\":1,\"x\":2}]}}", HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Submit("records not an array", "{\"type\":\"data_interpretation\",\"data\":{\"records\":\"x\"}}", HttpStatusCode.UnprocessableEntity, "validation_failed"),

            // Malformed JSON and media types.
            Submit("malformed json", "{\"type\":", HttpStatusCode.BadRequest, "invalid_json"),
            Submit("trailing garbage", "{\"type\":\"data_interpretation\",\"csv\":\"a\\n1\"} x", HttpStatusCode.BadRequest, "invalid_json"),
            Submit("empty body", "", HttpStatusCode.BadRequest, "invalid_json"),
            Submit("json array body", "[1,2,3]", HttpStatusCode.UnprocessableEntity, "validation_failed"),
            Raw("xml body", HttpMethod.Post, Analyses, Encoding.UTF8.GetBytes("<x>1</x>"), "application/xml", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            Raw("html body", HttpMethod.Post, Analyses, Encoding.UTF8.GetBytes("<p>x,y</p>"), "text/html", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            Raw("form-urlencoded body", HttpMethod.Post, Analyses, Encoding.UTF8.GetBytes("type=data_interpretation&csv=x"), "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            Raw("xls (Excel 97-2003) body", HttpMethod.Post, Analyses, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "application/vnd.ms-excel", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),

            // Data sent as a file: the same limits, held by the parser that reads it.
            Upload("text/csv with a stray quote that once hid columns from the column limit", "text/csv", Encoding.UTF8.GetBytes("a\"x,b,c,d,e,f\"\n1,2,3,4,5,6\n"), HttpStatusCode.UnprocessableEntity, "too_many_columns"),
            Upload("text/csv over the record limit", "text/csv", Encoding.UTF8.GetBytes("x\n" + string.Concat(Enumerable.Range(0, HostileNode.MaxRecords + 1).Select(i => $"{i}\n"))), HttpStatusCode.UnprocessableEntity, "too_many_records"),
            Upload("text/csv cell over the cell size", "text/csv", Encoding.UTF8.GetBytes("x\n" + new string('c', HostileNode.MaxCellChars + 1) + "\n"), HttpStatusCode.UnprocessableEntity, "cell_too_long"),
            Upload("text/csv over the table bytes", "text/csv", Encoding.UTF8.GetBytes("a,b,c,d,e\n" + string.Concat(Enumerable.Range(0, HostileNode.MaxRecords).Select(_ => string.Join(',', Enumerable.Repeat(new string('b', HostileNode.MaxCellChars), 5)) + "\n"))), HttpStatusCode.RequestEntityTooLarge, "data_too_large"),
            Upload("text/csv in utf-16", "text/csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("x\n1\n")], HttpStatusCode.UnsupportedMediaType, "unsupported_encoding"),
            Upload("text/csv with invalid utf-8", "text/csv", [.. Encoding.UTF8.GetBytes("x\n"), 0xC3, 0x28, 0x0A], HttpStatusCode.BadRequest, "invalid_encoding"),
            Upload("text/csv declared as latin-1", "text/csv; charset=iso-8859-1", Encoding.UTF8.GetBytes("x\n1\n"), HttpStatusCode.UnsupportedMediaType, "unsupported_encoding"),
            Upload("text/csv with an unknown separator", "text/csv", Encoding.UTF8.GetBytes("x\n1\n"), HttpStatusCode.UnprocessableEntity, "validation_failed", "?type=data_interpretation&separator=%3A"),
            Upload("text/csv with the data also as a field", "text/csv", Encoding.UTF8.GetBytes("x\n1\n"), HttpStatusCode.UnprocessableEntity, "validation_failed", "?type=data_interpretation&csv=x"),
            Upload("text/csv with a field given twice", "text/csv", Encoding.UTF8.GetBytes("x\n1\n"), HttpStatusCode.UnprocessableEntity, "validation_failed", "?type=data_interpretation&type=trend_analysis"),
            Upload("text/csv with a question over the string limit", "text/csv", Encoding.UTF8.GetBytes("x\n1\n"), HttpStatusCode.UnprocessableEntity, "string_too_long", $"?type=data_interpretation&question={new string('q', HostileNode.MaxStringLength + 1)}"),
            Upload("text/csv over the body size", "text/csv", Encoding.UTF8.GetBytes("x\n" + new string('1', HostileNode.MaxBodyBytes)), HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
            Upload("xlsx zip bomb of shared strings", UploadReaderTypes.Xlsx, new Workbook().Sheet("S", ["a"], [1]).BombSharedStrings(count: 30_000, length: HostileNode.MaxCellChars).ToBytes(), HttpStatusCode.RequestEntityTooLarge, "data_too_large"),
            Upload("xlsx shared string over the cell size", UploadReaderTypes.Xlsx, new Workbook().Sheet("S", ["a"], [1]).BombSharedStrings(count: 1, length: 1_000_000).ToBytes(), HttpStatusCode.UnprocessableEntity, "cell_too_long"),
            Upload("xlsx header over the column limit", UploadReaderTypes.Xlsx, new Workbook().Sheet("S", ["a", "b", "c", "d", "e", "f"], [1, 2, 3, 4, 5, 6]).ToBytes(), HttpStatusCode.UnprocessableEntity, "too_many_columns"),
            Upload("xlsx that is not a workbook", UploadReaderTypes.Xlsx, Encoding.UTF8.GetBytes("x,y\n1,2\n"), HttpStatusCode.UnprocessableEntity, "invalid_data"),
            Upload("xlsx naming a sheet it does not have", UploadReaderTypes.Xlsx, new Workbook().Sheet("S", ["a"], [1]).ToBytes(), HttpStatusCode.UnprocessableEntity, "invalid_data", "?type=data_interpretation&sheet=Nope"),
            Upload("multipart without a boundary", "multipart/form-data", Encoding.UTF8.GetBytes("x"), HttpStatusCode.BadRequest, "bad_request"),
            Upload("multipart that never closes", "multipart/form-data; boundary=b", Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\n1\n"), HttpStatusCode.BadRequest, "bad_request"),
            Upload("multipart without a file part", "multipart/form-data; boundary=b", Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ndata_interpretation\r\n--b--\r\n"), HttpStatusCode.UnprocessableEntity, "validation_failed", ""),
            Upload("multipart with an xls file", "multipart/form-data; boundary=b", Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sales.xls\"\r\nContent-Type: application/vnd.ms-excel\r\n\r\nx\r\n--b--\r\n"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            Upload("multipart with an image file", "multipart/form-data; boundary=b", Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nx\r\n--b--\r\n"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            Upload("multipart with a stray-quote csv over the column limit", "multipart/form-data; boundary=b", Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\na\"x;b;c;d;e;f\"\n1;2;3;4;5;6\n\r\n--b--\r\n"), HttpStatusCode.UnprocessableEntity, "too_many_columns"),

            // Encodings.
            Raw("utf-16 body with a byte order mark", HttpMethod.Post, Analyses, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Bodies.Csv(Bodies.SmallCsv))], "application/json", HttpStatusCode.UnsupportedMediaType, "unsupported_encoding"),
            Raw("utf-16 big endian body", HttpMethod.Post, Analyses, [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Bodies.Csv(Bodies.SmallCsv))], "application/json", HttpStatusCode.UnsupportedMediaType, "unsupported_encoding"),
            Raw("charset other than utf-8", HttpMethod.Post, Analyses, Encoding.UTF8.GetBytes(Bodies.Csv(Bodies.SmallCsv)), "application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType, "unsupported_encoding"),
            Raw("invalid utf-8 bytes", HttpMethod.Post, Analyses, [.. Encoding.UTF8.GetBytes("{\"type\":\"data_interpretation\",\"csv\":\"x\\n"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")], "application/json", HttpStatusCode.BadRequest, "invalid_encoding"),
            Raw("overlong utf-8 encoding of a slash", HttpMethod.Post, Analyses, [.. Encoding.UTF8.GetBytes("{\"type\":\"data_interpretation\",\"csv\":\"x\\n"), 0xC0, 0xAF, .. Encoding.UTF8.GetBytes("\"}")], "application/json", HttpStatusCode.BadRequest, "invalid_encoding"),
            Submit("lone surrogate escape in a string", "{\"type\":\"data_interpretation\",\"csv\":\"x\\n1\",\"question\":\"\\ud800\"}", HttpStatusCode.BadRequest, "invalid_encoding"),
            Submit("lone surrogate escape in the csv", "{\"type\":\"data_interpretation\",\"csv\":\"x\\n\\udc00\"}", HttpStatusCode.BadRequest, "invalid_encoding"),
            Submit("lone surrogate escape in a property name", "{\"type\":\"data_interpretation\",\"csv\":\"x\\n1\",\"\\ud800\":1}", HttpStatusCode.BadRequest, "invalid_encoding"),

            // Ids in paths and headers.
            Idempotent("idempotency key with a slash", "a/b"),
            Idempotent("idempotency key with sql", "x' OR 1=1 --"),
            Idempotent("idempotency key with a semicolon", "k;drop table jobs"),
            Idempotent("idempotency key with dot dot", "..\\..\\etc"),
            Idempotent("idempotency key too long", new string('k', 256)),
        };

        string[] hostileIds = ["a'b", "a;b", "a--b", "a..b", "a%2Fb", "a%5Cb", "a%22b", "%3Cscript%3E", "1%27%20OR%201%3D1", "a%00b", "a%0Ab", new string('j', 256)];
        foreach (var id in hostileIds)
        {
            var shown = id.Length > 40 ? $"{id.Length} characters" : id;
            cases.Add(Path($"job status id {shown}", HttpMethod.Get, $"{Analyses}/{id}"));
            cases.Add(Path($"job cancel id {shown}", HttpMethod.Delete, $"{Analyses}/{id}"));
            cases.Add(Path($"job result id {shown}", HttpMethod.Get, $"{Analyses}/{id}/result"));
            cases.Add(Path($"job events id {shown}", HttpMethod.Get, $"{Analyses}/{id}/events"));
            cases.Add(Path($"agent name {shown}", HttpMethod.Get, $"/api/v1/agents/{id}"));
            cases.Add(Path($"agent put name {shown}", HttpMethod.Put, $"/api/v1/agents/{id}"));
            cases.Add(Path($"team name {shown}", HttpMethod.Get, $"/api/v1/teams/{id}"));
            cases.Add(Path($"webhook id {shown}", HttpMethod.Get, $"/api/v1/webhooks/{id}"));
            cases.Add(Path($"webhook delete id {shown}", HttpMethod.Delete, $"/api/v1/webhooks/{id}"));
        }

        // Bodies bound by the framework (agents, webhooks) and the team reader.
        cases.Add(Raw("agent body nested too deeply", HttpMethod.Put, "/api/v1/agents/deep_agent", Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200)), "application/json", HttpStatusCode.BadRequest, "bad_request"));
        cases.Add(Raw("agent body with invalid utf-8", HttpMethod.Put, "/api/v1/agents/bad_utf8", [.. Encoding.UTF8.GetBytes("{\"role\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}")], "application/json", HttpStatusCode.BadRequest, "bad_request"));
        cases.Add(Raw("team body with invalid utf-8", HttpMethod.Post, "/api/v1/teams", [.. Encoding.UTF8.GetBytes("{\"name\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}")], "application/json", HttpStatusCode.BadRequest, "invalid_encoding"));
        cases.Add(Raw("team body nested too deeply", HttpMethod.Post, "/api/v1/teams", Encoding.UTF8.GetBytes(new string('[', 500) + new string(']', 500)), "application/json", HttpStatusCode.BadRequest, "json_too_deep"));
        cases.Add(Raw("webhook body with a lone surrogate", HttpMethod.Post, "/api/v1/webhooks", Encoding.UTF8.GetBytes("{\"url\":\"https://example.com/\\ud800\",\"events\":[\"analysis.completed\"]}"), "application/json", HttpStatusCode.BadRequest, "bad_request"));
        return cases;
    }

    private static HostileCase Submit(string name, string json, HttpStatusCode status, string code) =>
        new(name, () => new HttpRequestMessage(HttpMethod.Post, Analyses) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, status, code);

    /// <summary>Data sent as a file; the other fields as query parameters (a data_interpretation by default).</summary>
    private static HostileCase Upload(string name, string contentType, byte[] body, HttpStatusCode status, string code, string query = "?type=data_interpretation") =>
        Raw(name, HttpMethod.Post, Analyses + query, body, contentType, status, code);

    private static HostileCase Raw(string name, HttpMethod method, string path, byte[] body, string contentType, HttpStatusCode status, string code) =>
        new(name, () =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return new HttpRequestMessage(method, path) { Content = content };
        }, status, code);

    private static HostileCase Path(string name, HttpMethod method, string path) =>
        new(name, () => new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = method == HttpMethod.Put ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        }, HttpStatusCode.BadRequest, path.Contains("%00", StringComparison.Ordinal) ? null : "invalid_id");

    private static HostileCase Idempotent(string name, string key) =>
        new(name, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Analyses) { Content = Bodies.Json(Bodies.Csv(Bodies.SmallCsv)) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return request;
        }, HttpStatusCode.BadRequest, "invalid_id");

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string WithOptions(string value) => $"{{\"type\":\"data_interpretation\",\"csv\":\"a\\n1\",\"options\":{{\"x\":{value}}}}}";

    private static string Question(string question, bool raw = false) => raw
        ? $"{{\"type\":\"data_interpretation\",\"csv\":\"a\\n1\",\"question\":\"{question}\"}}"
        : JsonSerializer.Serialize(new { type = "data_interpretation", csv = "a\n1", question });
}
