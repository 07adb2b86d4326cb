using System.Net;
using System.Net.Http;
using System.Text;

namespace Actors.Webhooks;

/// <summary>
/// One event sent to one target. Attempts run in an interleaving grain timer, never inside a grain
/// call; the state (with the time of the next attempt) is written before every wait, and a reminder
/// lives while the delivery is pending, so a delivery whose activation is lost resumes where it was.
/// The key names the tenant, target, job and event, so a repeated notice finds the delivery already
/// started and sends nothing twice.
/// </summary>
public sealed class WebhookDeliveryGrain(
    [PersistentState("webhook-delivery", StorageNames.Grains)] IPersistentState<WebhookDeliveryState> state,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDelivery, IRemindable
{
    /// <summary>The named client whose connections pass through <see cref="WebhookTargetGuard.ConnectAsync"/>.</summary>
    public const string HttpClientName = "actors-webhooks";

    private const string WatchdogReminder = "delivery-watchdog";

    private readonly WebhookOptions _options = options.Value;
    private string _tenantId = "";
    private string _target = "";
    private string _subject = "";
    private RunLoop? _run;

    private bool IsCallback => _target == DeliveryKey.Callback;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _target, _subject, _) = DeliveryKey.Parse(this.GetPrimaryKeyString());
        _run = new RunLoop(this, WatchdogReminder, _options.WatchdogPeriod, RunAsync, logger);
        if (state.State is { DeliveryId: not null, Status: DeliveryStatus.Pending })
        {
            // The activation that was retrying is gone: carry on from the persisted schedule.
            _run.Ensure();
        }
        return Task.CompletedTask;
    }

    public async Task Start(DeliveryOrder order)
    {
        if (state.State.DeliveryId is not null)
        {
            return;
        }
        // The watchdog first: a persisted pending delivery without one could be stranded.
        await _run!.WatchAsync();
        var deliveryId = DeliveryKey.IdOf(this.GetPrimaryKeyString());
        var now = time.GetUtcNow();
        state.State = new WebhookDeliveryState
        {
            DeliveryId = deliveryId,
            Event = order.Event,
            JobId = order.Data.JobId,
            CallbackUrl = order.CallbackUrl,
            Body = DeliveryBody.Write(deliveryId, order),
            Status = DeliveryStatus.Pending,
            StartedAt = now,
            NextAttemptAt = now,
        };
        await state.WriteStateAsync();
        _run.Ensure();
    }

    public Task<DeliveryView?> Get() => Task.FromResult(state.State.DeliveryId is not { } id
        ? null
        : new DeliveryView(id, state.State.Event, state.State.Status, state.State.Attempts, state.State.LastStatusCode, state.State.LastError,
            state.State.Status == DeliveryStatus.Pending ? state.State.NextAttemptAt : null));

    public async Task<RedeliveryOutcome> Redeliver()
    {
        if (state.State.DeliveryId is null)
        {
            return RedeliveryOutcome.Unknown;
        }
        if (state.State.Status == DeliveryStatus.Pending)
        {
            return RedeliveryOutcome.Pending;
        }
        if (state.State.Body is null)
        {
            // Deliveries that ended before bodies were kept dropped theirs.
            return RedeliveryOutcome.BodyGone;
        }
        await _run!.WatchAsync();
        var now = time.GetUtcNow();
        // A fresh run of attempts and retry window, under the same id: receivers that saw it already can tell.
        state.State = state.State with { Status = DeliveryStatus.Pending, Attempts = 0, StartedAt = now, NextAttemptAt = now, LastError = null };
        await state.WriteStateAsync();
        logger.LogInformation("Delivery {DeliveryId} of {Event} for job {JobId} of tenant {TenantId} is redelivered to {Target}",
            state.State.DeliveryId, state.State.Event, state.State.JobId, _tenantId, _target);
        _run.Ensure();
        return RedeliveryOutcome.Redelivering;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_run!.IsWatchdog(reminderName))
        {
            return;
        }
        if (state.State is { DeliveryId: not null, Status: DeliveryStatus.Pending })
        {
            _run.Ensure();
        }
        else
        {
            await _run.StopWatchingAsync();
        }
    }

    /// <summary>Attempts until the delivery ends; the run loop logs an unexpected stop, and the watchdog resumes from the state.</summary>
    private async Task RunAsync(CancellationToken stopped)
    {
        while (state.State.Status == DeliveryStatus.Pending)
        {
            var wait = (state.State.NextAttemptAt ?? time.GetUtcNow()) - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stopped);
            }
            var attempt = state.State.Attempts + 1;
            var result = await AttemptAsync(stopped);
            await ConcludeAsync(attempt, result);
        }
    }

    private async Task<Attempt> AttemptAsync(CancellationToken deactivating)
    {
        string url;
        string secret;
        try
        {
            var webhooks = GrainFactory.GetGrain<ITenantWebhooks>(_tenantId);
            if (IsCallback)
            {
                url = state.State.CallbackUrl!;
                secret = (await webhooks.GetCallbackSecret()).Secret;
            }
            else
            {
                var target = await webhooks.GetTarget(_target);
                if (target is null)
                {
                    return new Attempt(Kind.Gone, null, 0, "the webhook was deleted", null);
                }
                // A test delivery is how a tenant checks an endpoint before enabling the webhook.
                if (!target.Enabled && state.State.Event != WebhookEvents.Test)
                {
                    return new Attempt(Kind.Final, null, 0, "the webhook is disabled", null);
                }
                url = target.Url;
                secret = target.Secret;
            }
        }
        catch (Exception ex)
        {
            return new Attempt(Kind.Retryable, null, 0, $"the target could not be read: {ex.Message}", null);
        }

        var body = state.State.Body!;
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Actors-Event", state.State.Event);
        request.Headers.Add("X-Actors-Delivery", state.State.DeliveryId);
        request.Headers.Add("X-Actors-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Actors-Signature", WebhookSignature.Sign(secret, timestamp, body));
        // Standard Webhooks: the id is the delivery's, the same on every attempt and redelivery, so receivers deduplicate by it.
        request.Headers.Add("webhook-id", state.State.DeliveryId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.SignStandard(secret, state.State.DeliveryId!, timestamp, body));

        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(deactivating);
        attemptTimeout.CancelAfter(_options.AttemptTimeout);
        var started = time.GetTimestamp();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
            var latency = time.GetElapsedTime(started).TotalMilliseconds;
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new Attempt(Kind.Delivered, code, latency, null, null);
            }
            if (code == (int)HttpStatusCode.TooManyRequests || code >= 500)
            {
                return new Attempt(Kind.Retryable, code, latency, $"the receiver answered {code}", RetryAfter(response));
            }
            // Other answers (4xx, and 3xx since redirects are not followed) will not change on a retry.
            return new Attempt(Kind.Final, code, latency, $"the receiver answered {code}", null);
        }
        catch (OperationCanceledException) when (deactivating.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new Attempt(Kind.Retryable, null, time.GetElapsedTime(started).TotalMilliseconds,
                $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s", null);
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refusal)
        {
            return new Attempt(Kind.Refused, null, time.GetElapsedTime(started).TotalMilliseconds, refusal.Message, null);
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(Kind.Retryable, null, time.GetElapsedTime(started).TotalMilliseconds, ex.Message, null);
        }
    }

    private async Task ConcludeAsync(int attempt, Attempt result)
    {
        var now = time.GetUtcNow();
        var (status, outcome, next, error) = result.Kind switch
        {
            Kind.Delivered => (DeliveryStatus.Delivered, AttemptOutcome.Delivered, (DateTimeOffset?)null, null),
            Kind.Refused => (DeliveryStatus.Refused, AttemptOutcome.Refused, null, result.Error),
            Kind.Retryable => Reschedule(attempt, result, now),
            _ => (DeliveryStatus.Failed, AttemptOutcome.Failed, null, result.Error),
        };
        var ended = status != DeliveryStatus.Pending;
        var before = state.State;
        state.State = state.State with
        {
            Status = status,
            Attempts = attempt,
            NextAttemptAt = next,
            LastStatusCode = result.StatusCode,
            LastError = error,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Unwritten, the attempt did not happen as far as a later activation knows: it will be made again.
            state.State = before;
            throw;
        }

        WebhookMetrics.Count(outcome);
        if (result.Kind != Kind.Gone)
        {
            await RecordAsync(new DeliveryAttempt(state.State.DeliveryId!, state.State.Event, state.State.JobId, attempt, outcome,
                result.StatusCode, Math.Round(result.LatencyMs, 3), error, now, _subject));
        }
        if (outcome == AttemptOutcome.Delivered)
        {
            logger.LogInformation("Delivery {DeliveryId} of {Event} for job {JobId} of tenant {TenantId} delivered to {Target} on attempt {Attempt} ({StatusCode})",
                state.State.DeliveryId, state.State.Event, state.State.JobId, _tenantId, _target, attempt, result.StatusCode);
        }
        else
        {
            logger.LogWarning("Delivery {DeliveryId} of {Event} for job {JobId} of tenant {TenantId} to {Target}: attempt {Attempt} {Outcome} ({StatusCode}): {DeliveryError}",
                state.State.DeliveryId, state.State.Event, state.State.JobId, _tenantId, _target, attempt, outcome.ToWire(), result.StatusCode, error);
        }
        if (ended)
        {
            await _run!.StopWatchingAsync();
        }
    }

    /// <summary>Another attempt after the backoff (or the receiver's <c>Retry-After</c>, if longer), while attempts and the window allow.</summary>
    private (DeliveryStatus, AttemptOutcome, DateTimeOffset?, string?) Reschedule(int attempt, Attempt result, DateTimeOffset now)
    {
        var backoff = _options.BackoffAfter(attempt);
        var delay = result.RetryAfter is { } asked && asked > backoff ? asked : backoff;
        var next = now + delay;
        if (attempt >= _options.MaxAttempts)
        {
            return (DeliveryStatus.Failed, AttemptOutcome.Failed, null, $"{result.Error}; gave up after {attempt} attempts");
        }
        if (next > state.State.StartedAt + _options.RetryWindow)
        {
            return (DeliveryStatus.Failed, AttemptOutcome.Failed, null,
                $"{result.Error}; the next attempt would fall outside the {_options.RetryWindow.TotalMinutes:0.##}-minute retry window");
        }
        return (DeliveryStatus.Pending, AttemptOutcome.Retrying, next, result.Error);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var until && until > TimeSpan.Zero ? until : TimeSpan.Zero,
        _ => null,
    };

    private async Task RecordAsync(DeliveryAttempt entry)
    {
        try
        {
            await GrainFactory.GetGrain<IWebhookDeliveryLog>(DeliveryKey.LogFor(_tenantId, _target)).Record(entry);
        }
        catch (Exception ex)
        {
            // The log is for people reading it; the delivery itself goes on.
            logger.LogWarning(ex, "Delivery {DeliveryId} for job {JobId} of tenant {TenantId} could not write its log entry", entry.DeliveryId, entry.JobId, _tenantId);
        }
    }

    private static WebhookTargetRefusedException? Refusal(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }

    private enum Kind
    {
        Delivered,
        Retryable,
        Final,
        Refused,
        Gone,
    }

    private sealed record Attempt(Kind Kind, int? StatusCode, double LatencyMs, string? Error, TimeSpan? RetryAfter);
}
