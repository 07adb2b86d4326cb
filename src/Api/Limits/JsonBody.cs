using System.Text.Json;
using System.Text.Unicode;
using Actors.Api.Problems;

namespace Actors.Api.Limits;

/// <summary>
/// Reads a JSON request body and checks it before it is parsed into a document: UTF-8 only (a UTF-8 BOM
/// is skipped; UTF-16 or UTF-32 is 415 unsupported_encoding; bytes that are not UTF-8, or a \u escape of a
/// lone surrogate, are 400 invalid_encoding), not malformed (400 invalid_json), not nested deeper than
/// <see cref="InputLimits.MaxJsonDepth"/> (400 json_too_deep), no string longer than
/// <see cref="InputLimits.MaxStringLength"/> (422 string_too_long) except the fields named as exempt.
/// The reader is iterative, so a hostile nesting cannot exhaust the stack.
/// </summary>
public static class JsonBody
{
    public static async Task<(ReadOnlyMemory<byte> Utf8, IResult? Problem)> ReadAsync(HttpRequest request, InputLimits limits, CancellationToken cancellationToken, params string[] unboundedTopLevelStrings)
    {
        if (CharsetProblem(request.ContentType) is { } wrongCharset)
        {
            return (default, wrongCharset);
        }
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, Problem.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "Payload too large",
                "The request body is larger than this server accepts."));
        }
        ReadOnlyMemory<byte> bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var span = bytes.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (default, UnsupportedEncoding("The body starts with a UTF-16 or UTF-32 byte order mark. Send JSON as UTF-8."));
        }
        if (!Utf8.IsValid(bytes.Span))
        {
            return (default, Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidEncoding, "Invalid encoding",
                "The body is not valid UTF-8. Send JSON as UTF-8 text."));
        }
        return (bytes, Scan(bytes.Span, limits, unboundedTopLevelStrings));
    }

    private static IResult? Scan(ReadOnlySpan<byte> utf8, InputLimits limits, string[] unboundedTopLevelStrings)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue });
        var exempt = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= limits.MaxJsonDepth:
                        return Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.JsonTooDeep, "JSON nested too deeply",
                            $"The body nests objects and arrays more than {limits.MaxJsonDepth} levels deep.",
                            new Dictionary<string, object?> { ["limit"] = limits.MaxJsonDepth });
                    case JsonTokenType.PropertyName:
                        if (StringProblem(ref reader, limits.MaxStringLength, "A property name") is { } nameProblem)
                        {
                            return nameProblem;
                        }
                        exempt = reader.CurrentDepth == 1 && NameIsAny(ref reader, unboundedTopLevelStrings);
                        break;
                    case JsonTokenType.String:
                        var bound = exempt && reader.CurrentDepth == 1 ? int.MaxValue : limits.MaxStringLength;
                        if (StringProblem(ref reader, bound, "A string") is { } valueProblem)
                        {
                            return valueProblem;
                        }
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return InvalidJson(ex);
        }
        return null;
    }

    private static bool NameIsAny(ref Utf8JsonReader reader, string[] names)
    {
        foreach (var name in names)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The problem with one string token, if any: a lone-surrogate escape, or more characters than <paramref name="max"/>.</summary>
    private static IResult? StringProblem(ref Utf8JsonReader reader, int max, string what)
    {
        var raw = reader.ValueSpan.Length;
        int length;
        if (reader.ValueIsEscaped)
        {
            try
            {
                // Throws on a \u escape of a lone surrogate, which has no UTF-8 form; later reads would throw too.
                length = reader.GetString()!.Length;
            }
            catch (InvalidOperationException)
            {
                return Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidEncoding, "Invalid encoding",
                    $"{what} in the body escapes a lone UTF-16 surrogate (\\uD800-\\uDFFF unpaired), which is not text.");
            }
        }
        else
        {
            // UTF-8 never has fewer bytes than UTF-16 code units, so count exactly only when it could matter.
            length = raw <= max ? raw : System.Text.Encoding.UTF8.GetCharCount(reader.ValueSpan);
        }
        if (length <= max)
        {
            return null;
        }
        return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.StringTooLong, "String too long",
            $"{what} in the body has {length} characters; at most {max} are accepted.", new Dictionary<string, object?> { ["limit"] = max });
    }

    public static IResult InvalidJson(JsonException ex) =>
        Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, "Malformed JSON", $"The body is not valid JSON: {ex.Message}");

    private static IResult? CharsetProblem(string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset.Length == 0)
        {
            return null;
        }
        var charset = media.Charset.Value!.Trim('"');
        return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : UnsupportedEncoding($"The body is declared as charset={charset}. Send JSON as UTF-8.");
    }

    private static IResult UnsupportedEncoding(string detail) =>
        Problem.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedEncoding, "Unsupported encoding", detail);
}
