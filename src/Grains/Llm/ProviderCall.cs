namespace Actors.Llm;

/// <summary>
/// One logical call to one provider: a per-request timeout, and retries with exponential backoff
/// and jitter for transient failures only (timeouts, 5xx, 429 after its <c>Retry-After</c>).
/// Other 4xx and malformed answers fail at once. The caller's cancellation (the job's) is never
/// retried. <paramref name="delay"/> is how it waits, so tests can record waits instead of sleeping.
/// </summary>
public sealed class ProviderCall(LlmOptions options, Func<TimeSpan, CancellationToken, Task> delay)
{
    /// <summary>The waits this call made before its retries (for provenance and tests).</summary>
    public List<TimeSpan> Waits { get; } = [];

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CallTimeout);
            ProviderFailure failure;
            try
            {
                return await call(timeout.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failure = Classify(ex, timeout.IsCancellationRequested);
            }

            if (!failure.Transient || attempt > options.MaxRetries)
            {
                throw failure;
            }
            var wait = failure.RetryAfter ?? Backoff(attempt);
            if (wait > options.MaxRetryDelay)
            {
                // Waiting that long would stall the job: let the chain try the next provider.
                throw failure;
            }
            Waits.Add(wait);
            await delay(wait, cancellationToken);
        }
    }

    /// <summary>
    /// Names the failure with a fixed message per kind. Exception texts are left out: they carry what
    /// the remote side sent or where the connection went (an internal address), and these messages
    /// reach tenants (<c>last_error</c>, provenance). The exception stays the inner one, for the log.
    /// </summary>
    public static ProviderFailure Classify(Exception ex, bool timedOut)
    {
        if (timedOut && ex is OperationCanceledException or TimeoutException)
        {
            return new ProviderFailure("timeout", "The provider did not answer in time.", null, Transient: true, ex);
        }
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is ProviderHttpException http)
            {
                var kind = http.StatusCode == System.Net.HttpStatusCode.TooManyRequests ? "throttled" : $"http_{(int)http.StatusCode!}";
                return new ProviderFailure(kind, http.Message, http.RetryAfter, http.IsTransient, ex);
            }
            if (e is Actors.Webhooks.WebhookTargetRefusedException)
            {
                return new ProviderFailure(TargetNotAllowed, "The endpoint resolves to an address tenants' providers may not reach.", null, Transient: false, ex);
            }
        }
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or System.Net.Sockets.SocketException or IOException)
            {
                return new ProviderFailure("unreachable", "The provider could not be reached.", null, Transient: true, ex);
            }
        }
        return new ProviderFailure("invalid_response", "The provider's answer could not be used.", null, Transient: false, ex);
    }

    /// <summary>The kind of a call the connect-time address guard stopped.</summary>
    public const string TargetNotAllowed = "target_not_allowed";

    private TimeSpan Backoff(int attempt)
    {
        var jitter = 0.5 + Random.Shared.NextDouble();
        return options.RetryBaseDelay * Math.Pow(2, attempt - 1) * jitter;
    }
}

/// <summary>Why a provider could not answer; <see cref="Kind"/> is a short machine word (<c>timeout</c>, <c>http_500</c>, <c>throttled</c>, …).</summary>
public sealed class ProviderFailure(string kind, string message, TimeSpan? retryAfter, bool Transient, Exception inner) : Exception(message, inner)
{
    public string Kind { get; } = kind;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool Transient { get; } = Transient;
}
