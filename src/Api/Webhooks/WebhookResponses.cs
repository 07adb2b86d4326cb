using Actors.Webhooks;

namespace Actors.Api.Webhooks;

public sealed record WebhookResponse(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookResponse From(WebhookView view) =>
        new(view.Id, view.Url, view.Events, view.Description, view.Enabled, view.CreatedAt, view.UpdatedAt);

    /// <summary>What a caller without the admin scope sees: the URL's scheme, host and port only.</summary>
    public static WebhookResponse Masked(WebhookView view) => From(view) with { Url = MaskedUrl(view.Url) };

    /// <summary>
    /// <c>https://hooks.example.com/…</c>: receivers such as Slack put their token in the path or query, and a
    /// read-only key has no business with it; user info is dropped too.
    /// </summary>
    public static string MaskedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}/…"
            : "…";
}

/// <summary>A webhook with its secret: answered by create and rotate only.</summary>
public sealed record WebhookWithSecretResponse(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Secret)
{
    public static WebhookWithSecretResponse From(WebhookWithSecret created)
    {
        var view = created.Webhook;
        return new(view.Id, view.Url, view.Events, view.Description, view.Enabled, view.CreatedAt, view.UpdatedAt, created.Secret);
    }
}

public sealed record CallbackSecretResponse(string Secret, DateTimeOffset CreatedAt)
{
    public static CallbackSecretResponse From(CallbackSecret secret) => new(secret.Secret, secret.CreatedAt);
}

/// <summary>One entry of a delivery log.</summary>
public sealed record DeliveryAttemptResponse(
    string DeliveryId,
    string Event,
    string? JobId,
    int Attempt,
    [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.DeliveryOutcome)] string Status,
    int? ResponseCode,
    double LatencyMs,
    string? Error,
    DateTimeOffset At)
{
    public static DeliveryAttemptResponse From(DeliveryAttempt a) =>
        new(a.DeliveryId, a.Event, a.JobId, a.Attempt, a.Outcome.ToWire(), a.StatusCode, a.LatencyMs, a.Error, a.At);

    /// <summary>What a caller without the admin scope sees: no error text, which can name the target and what its network said.</summary>
    public static DeliveryAttemptResponse Masked(DeliveryAttempt a) => From(a) with { Error = null };
}

public sealed record TestDeliveryResponse(string DeliveryId, string Event, string DeliveriesUrl);

/// <summary>The body of <c>POST /api/v1/webhooks</c>.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description);

/// <summary>The body of <c>PUT /api/v1/webhooks/{id}</c>: members left out stay as they are.</summary>
public sealed record WebhookUpdateRequest(string? Url, IReadOnlyList<string>? Events, string? Description, bool? Enabled);
