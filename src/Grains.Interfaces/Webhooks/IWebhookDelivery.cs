using Actors.Jobs;

namespace Actors.Webhooks;

/// <summary>
/// One event sent to one target, retried with backoff until delivered or given up, keyed
/// <c>{tenantId}/{webhookId or "callback"}/{jobId}/{event}</c> (see <see cref="DeliveryKey"/>), so a
/// repeated notice of the same job reaches the same grain and is delivered once.
/// </summary>
[Alias("Actors.Webhooks.IWebhookDelivery")]
public interface IWebhookDelivery : IGrainWithStringKey
{
    /// <summary>Starts the delivery; a delivery that already started ignores it. One-way: the caller never waits on a receiver.</summary>
    [Alias("Start"), OneWay]
    Task Start(DeliveryOrder order);

    /// <summary>Sends an ended delivery again (same id, a fresh run of attempts); a pending one goes on as it is.</summary>
    [Alias("Redeliver")]
    Task<RedeliveryOutcome> Redeliver();

    /// <summary>The delivery's progress; null when it was never started.</summary>
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<DeliveryView?> Get();
}

/// <summary>What to deliver. <paramref name="CallbackUrl"/> is set for a job's callback, where the URL is the job's own.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.DeliveryOrder")]
public sealed record DeliveryOrder(
    [property: Id(0)] string Event,
    [property: Id(1)] DeliveryData Data,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string? CallbackUrl);

/// <summary>The <c>data</c> member of a delivery body.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.DeliveryData")]
public sealed record DeliveryData(
    [property: Id(0)] string? JobId,
    [property: Id(1)] string? Type,
    [property: Id(2)] string? Status,
    [property: Id(3)] JobError? Error,
    [property: Id(4)] string? ResultUrl,
    [property: Id(5)] BudgetData? Budget = null,
    [property: Id(6)] ApprovalWait? Approval = null);

/// <summary>The <c>data</c> of a <c>budget.reached</c> delivery: the month (UTC, <c>yyyy-MM</c>), the budget and what was spent.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.BudgetData")]
public sealed record BudgetData(
    [property: Id(0)] string Month,
    [property: Id(1)] decimal BudgetUsd,
    [property: Id(2)] decimal SpentUsd);

/// <summary>What a redelivery did.</summary>
[GenerateSerializer, Alias("Actors.Webhooks.RedeliveryOutcome")]
public enum RedeliveryOutcome
{
    /// <summary>The delivery is pending again.</summary>
    Redelivering = 0,

    /// <summary>It had not ended: its attempts go on.</summary>
    Pending = 1,

    /// <summary>It ended before delivery bodies were kept, so there is nothing to send.</summary>
    BodyGone = 2,

    /// <summary>No such delivery.</summary>
    Unknown = 3,
}

/// <summary>Where a delivery is.</summary>
[GenerateSerializer, Alias("Actors.Webhooks.DeliveryStatus")]
public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
    Refused = 3,
}

[GenerateSerializer, Immutable, Alias("Actors.Webhooks.DeliveryView")]
public sealed record DeliveryView(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string Event,
    [property: Id(2)] DeliveryStatus Status,
    [property: Id(3)] int Attempts,
    [property: Id(4)] int? LastStatusCode,
    [property: Id(5)] string? LastError,
    [property: Id(6)] DateTimeOffset? NextAttemptAt);
