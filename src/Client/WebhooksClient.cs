namespace Actors.Client;

/// <summary><c>/api/v1/webhooks</c>: the tenant's webhooks, their delivery logs and redeliveries, and the callback secret.</summary>
public sealed class WebhooksClient
{
    private readonly Transport _transport;

    internal WebhooksClient(Transport transport) => _transport = transport;

    /// <summary>Registers a webhook; the answer carries its signing secret, shown this once.</summary>
    public Task<WebhookWithSecret> CreateAsync(NewWebhook webhook, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<WebhookWithSecret>(() => _transport.Request(HttpMethod.Post, "api/v1/webhooks", webhook), false, cancellationToken);

    public Task<IReadOnlyList<Webhook>> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<IReadOnlyList<Webhook>>(() => _transport.Request(HttpMethod.Get, "api/v1/webhooks"), true, cancellationToken);

    public Task<Webhook> GetAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Webhook>(() => _transport.Request(HttpMethod.Get, Path(webhookId)), true, cancellationToken);

    public Task<Webhook> UpdateAsync(string webhookId, WebhookChange change, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Webhook>(() => _transport.Request(HttpMethod.Put, Path(webhookId), change), true, cancellationToken);

    public Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(() => _transport.Request(HttpMethod.Delete, Path(webhookId)), true, cancellationToken);

    /// <summary>Sends a <c>webhook.test</c> delivery through the same path as real ones.</summary>
    public Task<TestDelivery> TestAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<TestDelivery>(() => _transport.Request(HttpMethod.Post, $"{Path(webhookId)}/test"), false, cancellationToken);

    /// <summary>Replaces the webhook's secret; the answer carries the new one.</summary>
    public Task<WebhookWithSecret> RotateSecretAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<WebhookWithSecret>(() => _transport.Request(HttpMethod.Post, $"{Path(webhookId)}/rotate-secret"), false, cancellationToken);

    /// <summary>The webhook's newest delivery attempts, newest first.</summary>
    public Task<IReadOnlyList<DeliveryAttempt>> ListDeliveriesAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<IReadOnlyList<DeliveryAttempt>>(() => _transport.Request(HttpMethod.Get, $"{Path(webhookId)}/deliveries"), true, cancellationToken);

    /// <summary>Sends a finished delivery again, with the same id (<c>webhook-id</c>), signed anew.</summary>
    public Task<Redelivery> RedeliverAsync(string webhookId, string deliveryId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Redelivery>(() => _transport.Request(HttpMethod.Post, $"{Path(webhookId)}/deliveries/{Transport.Escape(deliveryId)}/redeliver"), true, cancellationToken);

    /// <summary>The secret that signs deliveries to the tenant's jobs' <c>callback_url</c>.</summary>
    public Task<CallbackSecret> GetCallbackSecretAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<CallbackSecret>(() => _transport.Request(HttpMethod.Get, "api/v1/webhooks/callback-secret"), true, cancellationToken);

    public Task<CallbackSecret> RotateCallbackSecretAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<CallbackSecret>(() => _transport.Request(HttpMethod.Post, "api/v1/webhooks/callback-secret/rotate"), false, cancellationToken);

    public Task<IReadOnlyList<DeliveryAttempt>> ListCallbackDeliveriesAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<IReadOnlyList<DeliveryAttempt>>(() => _transport.Request(HttpMethod.Get, "api/v1/webhooks/callback-deliveries"), true, cancellationToken);

    public Task<Redelivery> RedeliverCallbackAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Redelivery>(() => _transport.Request(HttpMethod.Post, $"api/v1/webhooks/callback-deliveries/{Transport.Escape(deliveryId)}/redeliver"), true, cancellationToken);

    private static string Path(string webhookId) => $"api/v1/webhooks/{Transport.Escape(webhookId)}";
}
