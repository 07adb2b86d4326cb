namespace Actors.Webhooks;

/// <summary>A registered webhook as the tenant sees it: never its secret.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.WebhookView")]
public sealed record WebhookView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string? Description,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);

/// <summary>A webhook with its signing secret: answered once at creation and on each rotation.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.WebhookWithSecret")]
public sealed record WebhookWithSecret(
    [property: Id(0)] WebhookView Webhook,
    [property: Id(1)] string Secret);

/// <summary>A new webhook, validated by the API.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.WebhookDraft")]
public sealed record WebhookDraft(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events,
    [property: Id(2)] string? Description);

/// <summary>A change to a webhook; a null member is left as it is (an empty description clears it).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.WebhookChange")]
public sealed record WebhookChange(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool? Enabled);

/// <summary>Where and how a delivery to a registered webhook is sent, read at each attempt so edits and rotations apply.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.WebhookTarget")]
public sealed record WebhookTarget(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret,
    [property: Id(2)] bool Enabled);

/// <summary>The secret that signs deliveries to the tenant's jobs' <c>callback_url</c>s.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Webhooks.CallbackSecret")]
public sealed record CallbackSecret(
    [property: Id(0)] string Secret,
    [property: Id(1)] DateTimeOffset CreatedAt);
