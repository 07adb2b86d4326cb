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
/// with its <c>Retry-After</c>. The message is the status code alone: the body and reason phrase are
/// the remote server's text, and what a tenant's endpoint answers must not come back to the tenant
/// (an internal service reached through it would be read that way).
/// </summary>
public sealed class ProviderStatusHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw new ProviderHttpException(response.StatusCode, RetryAfter(response), $"HTTP {(int)response.StatusCode}");
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
