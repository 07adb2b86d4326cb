using System.Collections.Immutable;

namespace Actors.Webhooks;

[GenerateSerializer, Alias("Actors.Webhooks.WebhookDeliveryLogState")]
public sealed record WebhookDeliveryLogState
{
    /// <summary>Newest first, at most <see cref="WebhookOptions.DeliveryLogSize"/>.</summary>
    [Id(0)] public ImmutableList<DeliveryAttempt> Attempts { get; init; } = [];
}
