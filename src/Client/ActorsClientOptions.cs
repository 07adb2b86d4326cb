namespace Actors.Client;

/// <summary>How an <see cref="ActorsClient"/> authenticates and how hard it tries.</summary>
public sealed class ActorsClientOptions
{
    /// <summary>A tenant's API key, sent as <c>X-API-Key</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A user's JWT, sent as <c>Authorization: Bearer</c> (when no <see cref="ApiKey"/> is set).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Attempts of one call, the first included, when the service answers 429 or 503 or (for calls that are safe to repeat) the connection fails.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before attempt n+1 when the answer names none: this × 2^(n−1), at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts. A <c>Retry-After</c> beyond it ends the retries: the caller gets the 429 or 503 as an <see cref="ActorsApiException"/>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reconnections of an event stream in a row that bring no new event before the stream gives up.</summary>
    public int MaxReconnects { get; set; } = 10;

    /// <summary>The wait before reconnecting a dropped event stream (grows with consecutive failures; the server's <c>retry:</c> field overrides it).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The clock that waits between attempts; tests replace it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
