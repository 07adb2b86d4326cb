namespace Actors.Webhooks;

/// <summary>
/// The persisted record of one delivery. <see cref="Body"/> is fixed when it starts, so every attempt
/// sends the same bytes; it is kept after the delivery has ended, for a redelivery (deliveries that ended
/// before bodies were kept have none). <see cref="NextAttemptAt"/> is
/// written before each wait, so a new activation knows when to try again.
/// </summary>
[GenerateSerializer, Alias("Actors.Webhooks.WebhookDeliveryState")]
public sealed record WebhookDeliveryState
{
    [Id(0)] public string? DeliveryId { get; init; }
    [Id(1)] public string Event { get; init; } = "";
    [Id(2)] public string? JobId { get; init; }
    [Id(3)] public string? CallbackUrl { get; init; }
    [Id(4)] public string? Body { get; init; }
    [Id(5)] public DeliveryStatus Status { get; init; }
    [Id(6)] public int Attempts { get; init; }
    [Id(7)] public DateTimeOffset StartedAt { get; init; }
    [Id(8)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(9)] public int? LastStatusCode { get; init; }
    [Id(10)] public string? LastError { get; init; }
}
