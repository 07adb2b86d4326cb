namespace Actors.Webhooks;

/// <summary>
/// A tenant's registered webhooks (bounded) and its callback signing secret, keyed by tenant id.
/// It hears of finished jobs and starts one <see cref="IWebhookDelivery"/> per target.
/// </summary>
[Alias("Actors.Webhooks.ITenantWebhooks")]
public interface ITenantWebhooks : IGrainWithStringKey
{
    /// <summary>Registers a webhook with a new secret; null when the tenant already has the most it may.</summary>
    [Alias("Create")]
    Task<WebhookWithSecret?> Create(WebhookDraft draft);

    [Alias("List"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<WebhookView>> List();

    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<WebhookView?> Get(string webhookId);

    [Alias("Update")]
    Task<WebhookView?> Update(string webhookId, WebhookChange change);

    /// <summary>Removes the webhook and its delivery log; deliveries still retrying stop at their next attempt.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string webhookId);

    /// <summary>Replaces the webhook's secret; the old one stops signing at once.</summary>
    [Alias("RotateSecret")]
    Task<WebhookWithSecret?> RotateSecret(string webhookId);

    /// <summary>The callback secret, made on first use.</summary>
    [Alias("GetCallbackSecret")]
    Task<CallbackSecret> GetCallbackSecret();

    [Alias("RotateCallbackSecret")]
    Task<CallbackSecret> RotateCallbackSecret();

    /// <summary>For deliveries: the webhook's current URL, secret and switch; null once deleted.</summary>
    [Alias("GetTarget"), ReadOnly, AlwaysInterleave]
    Task<WebhookTarget?> GetTarget(string webhookId);

    /// <summary>A job finished: deliver to its callback URL and to the webhooks subscribed to its event. One-way: the job never waits.</summary>
    [Alias("Announce"), OneWay]
    Task Announce(WebhookNotice notice);

    /// <summary>The tenant's monthly LLM budget is reached: deliver <c>budget.reached</c>, once a month per webhook. One-way.</summary>
    [Alias("AnnounceBudgetReached"), OneWay]
    Task AnnounceBudgetReached(BudgetData budget, DateTimeOffset occurredAt);
}
