using System.Net;

namespace Actors.Llm;

/// <summary>A provider answered with an error status. Thrown below the SDKs, so OpenAI and Ollama errors read the same.</summary>
public sealed class ProviderHttpException(HttpStatusCode status, TimeSpan? retryAfter, string message) : HttpRequestException(message, null, status)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Timeouts, throttling and server errors are worth another try; any other 4xx is not.</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)StatusCode! >= 500;
}

/// <summary>
/// Sits under both SDKs' HTTP clients: turns an error status into <see cref="ProviderHttpException"/>
/// with its <c>Retry-After</c>. The body is cut short and carries no request content.
/// </summary>
public sealed class ProviderStatusHandler : DelegatingHandler
{
    private const int MaxErrorText = 300;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = "";
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
            }
            var text = body.Length > MaxErrorText ? body[..MaxErrorText] + "…" : body;
            throw new ProviderHttpException(response.StatusCode, RetryAfter(response),
                $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {text}".TrimEnd(' ', ':'));
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
