using System.Collections.Immutable;

namespace Actors.Webhooks;

/// <summary>A tenant's webhooks (bounded by <see cref="WebhookOptions.MaxWebhooksPerTenant"/>) and its callback secret.</summary>
[GenerateSerializer, Alias("Actors.Webhooks.TenantWebhooksState")]
public sealed record TenantWebhooksState
{
    [Id(0)] public ImmutableList<WebhookRecord> Webhooks { get; init; } = [];
    [Id(1)] public CallbackSecret? CallbackSecret { get; init; }
}

/// <summary>
/// One registered webhook. The secret is kept as it is, to sign with: grain state is not encrypted
/// until secret encryption lands (docs/webhooks.md says so).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.WebhookRecord")]
public sealed record WebhookRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string? Description,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] string Secret,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt)
{
    public WebhookView ToView() => new(Id, Url, Events, Description, Enabled, CreatedAt, UpdatedAt);
}
