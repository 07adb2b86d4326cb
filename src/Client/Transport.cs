using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Client;

/// <summary>
/// Sends one call, again when that is safe: on 429 (the request was refused, so nothing happened) and,
/// for calls that may be repeated, on 503 and on a lost connection. Waits what <c>Retry-After</c> asks,
/// else an exponential backoff, within <see cref="ActorsClientOptions.MaxRetryDelay"/>.
/// </summary>
internal sealed class Transport(HttpClient http, Uri baseAddress, ActorsClientOptions options)
{
    /// <summary>The service's root, ending in '/' so that relative paths keep any prefix it has.</summary>
    private readonly Uri _base = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");

    public ActorsClientOptions Options => options;

    /// <summary>
    /// Sends the request <paramref name="build"/> makes (a fresh one per attempt) and returns the first
    /// answer that is not retried; the caller disposes it. <paramref name="repeatable"/>: the call may
    /// reach the service twice without harm (reads, cancels, puts, submits under an Idempotency-Key).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, bool repeatable, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            Authenticate(request);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (repeatable && attempt < options.MaxAttempts && IsConnectionLoss(ex, cancellationToken))
            {
                await DelayAsync(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var retried = response.StatusCode == HttpStatusCode.TooManyRequests || (repeatable && response.StatusCode == HttpStatusCode.ServiceUnavailable);
            if (!retried || attempt >= options.MaxAttempts)
            {
                return response;
            }
            var wait = RetryAfter(response) ?? Backoff(attempt);
            if (wait > options.MaxRetryDelay)
            {
                return response;
            }
            response.Dispose();
            await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends and reads a JSON answer; an error answer throws <see cref="ActorsApiException"/>.</summary>
    public async Task<T> SendJsonAsync<T>(Func<HttpRequestMessage> build, bool repeatable, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(build, repeatable, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(WireJson.Options, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Sends a call whose answer has no body worth reading (204).</summary>
    public async Task SendAsync(Func<HttpRequestMessage> build, bool repeatable, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(build, repeatable, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ActorsApiException.FromAsync(response, RetryAfter(response), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A request for <paramref name="path"/> (relative: <c>api/v1/…</c>), with <paramref name="body"/> as JSON when given.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), WireJson.Options);
        }
        return request;
    }

    public Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, options.TimeProvider, cancellationToken);

    public TimeSpan Backoff(int attempt)
    {
        var ticks = options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromTicks((long)Math.Min(ticks, options.MaxRetryDelay.Ticks));
    }

    /// <summary>A failure that says nothing about whether the service acted: the connection broke, or the client's own timeout passed.</summary>
    public static bool IsConnectionLoss(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException => true,
        IOException => true,
        // HttpClient.Timeout: a cancellation the caller did not ask for.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - options.TimeProvider.GetUtcNow() is var until && until > TimeSpan.Zero ? until : TimeSpan.Zero,
        _ => null,
    };

    private void Authenticate(HttpRequestMessage request)
    {
        if (options.ApiKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", key);
        }
        else if (options.BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? path : $"{path}?{string.Join("&", present)}";
    }

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    internal static JsonElement ParseElement(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        return JsonElement.ParseValue(ref reader);
    }
}
