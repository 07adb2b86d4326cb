namespace Actors.Webhooks;

/// <summary>How webhooks and job callbacks are delivered. Bound from the <c>Actors:Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Actors:Webhooks";

    /// <summary>
    /// Lets targets resolve to private, loopback, link-local and other internal addresses. Off by
    /// default: a callback URL is chosen by the caller and must not reach into the operator's network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Attempts per delivery, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after attempt n is <c>RetryBaseDelay · 2^(n-1)</c>, at most <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>No attempt is scheduled later than this after the first one; a longer <c>Retry-After</c> ends the delivery.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one attempt waits for the receiver's answer (its status line and headers).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhooks one tenant may register.</summary>
    public int MaxWebhooksPerTenant { get; set; } = 20;

    /// <summary>Attempts kept per webhook in its delivery log, newest first.</summary>
    public int DeliveryLogSize { get; set; } = 50;

    /// <summary>
    /// Period of the reminder that brings a pending delivery back after its activation is lost.
    /// Orleans refuses less than its minimum reminder period (1 minute by default).
    /// </summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Prefixed to <c>result_url</c> in deliveries (e.g. <c>https://actors.example.com</c>); a path alone when unset.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The wait before the attempt after attempt <paramref name="attempt"/> (1-based), without a <c>Retry-After</c>.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var delay = RetryBaseDelay * Math.Pow(2, Math.Max(0, attempt - 1));
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }
}
