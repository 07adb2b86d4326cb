namespace Actors.Webhooks;

/// <summary>The newest attempts made for one target, keyed <c>{tenantId}/{webhookId or "callback"}</c>; bounded.</summary>
[Alias("Actors.Webhooks.IWebhookDeliveryLog")]
public interface IWebhookDeliveryLog : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(DeliveryAttempt attempt);

    /// <summary>Newest first.</summary>
    [Alias("List"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<DeliveryAttempt>> List();

    [Alias("Clear")]
    Task Clear();
}

/// <summary>What one attempt did.</summary>
[GenerateSerializer, Alias("Actors.Webhooks.AttemptOutcome")]
public enum AttemptOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 0,

    /// <summary>It failed in a way worth retrying, and another attempt is scheduled.</summary>
    Retrying = 1,

    /// <summary>It failed and no attempt follows (a 4xx, or attempts or the window used up).</summary>
    Failed = 2,

    /// <summary>The target resolved to an address deliveries may not reach; nothing was sent.</summary>
    Refused = 3,
}

/// <summary>One attempt of one delivery, as the delivery log shows it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.DeliveryAttempt")]
public sealed record DeliveryAttempt(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string Event,
    [property: Id(2)] string? JobId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] AttemptOutcome Outcome,
    [property: Id(5)] int? StatusCode,
    [property: Id(6)] double LatencyMs,
    [property: Id(7)] string? Error,
    [property: Id(8)] DateTimeOffset At,
    [property: Id(9)] string? Subject = null);

public static class AttemptOutcomeExtensions
{
    /// <summary>The wire name used by the delivery log endpoint.</summary>
    public static string ToWire(this AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Delivered => "delivered",
        AttemptOutcome.Retrying => "retrying",
        AttemptOutcome.Failed => "failed",
        AttemptOutcome.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
