using System.Text.Json;
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
    public static Task<(ReadOnlyMemory<byte> Utf8, IResult? Problem)> ReadAsync(HttpRequest request, InputLimits limits, CancellationToken cancellationToken, params string[] unboundedTopLevelStrings) =>
        ReadAsync(request, limits, cancellationToken, 1, unboundedTopLevelStrings);

    /// <summary>As the other overload, with the unbounded members at <paramref name="unboundedDepth"/> (3: members of the objects of a top-level array, as a batch's items' <c>csv</c>).</summary>
    public static async Task<(ReadOnlyMemory<byte> Utf8, IResult? Problem)> ReadAsync(HttpRequest request, InputLimits limits, CancellationToken cancellationToken,
        int unboundedDepth, params string[] unboundedStrings)
    {
        var (bytes, refused) = await Utf8Body.ReadAsync(request, "JSON", cancellationToken);
        return refused is not null ? (default, refused) : (bytes, Scan(bytes.Span, limits, unboundedDepth, unboundedStrings));
    }

    private static IResult? Scan(ReadOnlySpan<byte> utf8, InputLimits limits, int unboundedDepth, string[] unboundedStrings)
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
                        exempt = reader.CurrentDepth == unboundedDepth && NameIsAny(ref reader, unboundedStrings);
                        break;
                    case JsonTokenType.String:
                        var bound = exempt && reader.CurrentDepth == unboundedDepth ? int.MaxValue : limits.MaxStringLength;
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
}
