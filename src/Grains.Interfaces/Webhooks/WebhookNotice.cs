using Actors.Jobs;

namespace Actors.Webhooks;

/// <summary>A finished job, as told to its tenant's webhooks.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.WebhookNotice")]
public sealed record WebhookNotice(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Type,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] JobError? Error,
    [property: Id(4)] DateTimeOffset OccurredAt,
    [property: Id(5)] string? CallbackUrl,
    [property: Id(6)] ApprovalWait? Approval = null);
