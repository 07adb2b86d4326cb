using System.Net;
using System.Text.Json;

namespace Actors.Client;

/// <summary>
/// The service answered with an error: an RFC 7807 problem document with a stable <see cref="Code"/>
/// (docs/errors.md lists them) and the <see cref="RequestId"/> to quote when reporting it.
/// </summary>
public sealed class ActorsApiException : Exception
{
    public ActorsApiException(HttpStatusCode status, string? code, string? title, string? detail, string? requestId, JsonElement? problem, TimeSpan? retryAfter)
        : base(Describe(status, code, title, detail, requestId))
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        RequestId = requestId;
        Problem = problem;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The problem's <c>code</c>, e.g. <c>not_found</c>, <c>validation_failed</c>, <c>rate_limited</c>.</summary>
    public string? Code { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public string? RequestId { get; }

    /// <summary>The whole problem document (validation problems carry <c>errors</c>), when the body was one.</summary>
    public JsonElement? Problem { get; }

    /// <summary>The answer's <c>Retry-After</c>, on 429 and 503.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(HttpStatusCode status, string? code, string? title, string? detail, string? requestId) =>
        $"{(int)status} {code ?? status.ToString()}: {detail ?? title ?? "no detail"}" + (requestId is null ? "" : $" (request {requestId})");

    internal static async Task<ActorsApiException> FromAsync(HttpResponseMessage response, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var requestId = response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.FirstOrDefault() : null;
        JsonElement? problem = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length > 0)
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    problem = document.RootElement.Clone();
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page): the status says enough.
        }
        string? Member(string name) => problem is { } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new ActorsApiException(response.StatusCode, Member("code"), Member("title"), Member("detail"), Member("request_id") ?? requestId, problem, retryAfter);
    }
}

/// <summary>An event stream could not be resumed: <see cref="ActorsClientOptions.MaxReconnects"/> reconnections in a row brought no new event.</summary>
public sealed class ActorsStreamException(string message, Exception? inner) : Exception(message, inner);
