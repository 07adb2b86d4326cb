using System.Text.Unicode;
using Actors.Api.Problems;

namespace Actors.Api.Limits;

/// <summary>
/// Reads a request body whole, within the body size limit (413 payload_too_large), and checks text bodies are
/// UTF-8: a UTF-8 BOM is skipped; a UTF-16 or UTF-32 BOM or a declared charset other than UTF-8 is 415
/// unsupported_encoding; bytes that are not UTF-8 are 400 invalid_encoding. JSON and CSV bodies share it.
/// </summary>
public static class Utf8Body
{
    /// <summary>The body's bytes, as sent.</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge());
        }
        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    /// <summary>The body as UTF-8 bytes without a BOM; <paramref name="format"/> names what it should be ("JSON", "CSV").</summary>
    public static async Task<(ReadOnlyMemory<byte> Utf8, IResult? Problem)> ReadAsync(HttpRequest request, string format, CancellationToken cancellationToken)
    {
        if (CharsetProblem(request.ContentType, format) is { } wrongCharset)
        {
            return (default, wrongCharset);
        }
        var (bytes, tooLarge) = await ReadBytesAsync(request, cancellationToken);
        return tooLarge is not null ? (default, tooLarge) : Check(bytes, format);
    }

    /// <summary>Checks bytes already read (a multipart file part) are UTF-8 text, and drops a UTF-8 BOM.</summary>
    public static (ReadOnlyMemory<byte> Utf8, IResult? Problem) Check(ReadOnlyMemory<byte> bytes, string format)
    {
        var span = bytes.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (default, UnsupportedEncoding($"The body starts with a UTF-16 or UTF-32 byte order mark. Send {format} as UTF-8."));
        }
        if (!Utf8.IsValid(bytes.Span))
        {
            return (default, Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidEncoding, "Invalid encoding",
                $"The body is not valid UTF-8. Send {format} as UTF-8 text."));
        }
        return (bytes, null);
    }

    public static IResult TooLarge() => Problem.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "Payload too large",
        "The request body is larger than this server accepts.");

    /// <summary>415 for a declared charset other than UTF-8; null when there is none or it is UTF-8.</summary>
    public static IResult? CharsetProblem(string? contentType, string format)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset.Length == 0)
        {
            return null;
        }
        var charset = media.Charset.Value!.Trim('"');
        return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : UnsupportedEncoding($"The body is declared as charset={charset}. Send {format} as UTF-8.");
    }

    private static IResult UnsupportedEncoding(string detail) =>
        Problem.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedEncoding, "Unsupported encoding", detail);
}
