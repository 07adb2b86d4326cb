namespace Actors.Webhooks;

/// <summary>
/// A tenant's webhooks and callback secret. On a finished job it starts the deliveries with one-way
/// calls and returns: deliveries run in their own grains, so a slow receiver holds up neither the
/// job nor this registry. Signing secrets are stored sealed (<see cref="Llm.SecretBox"/>) and opened
/// only to hand them to the tenant or to a delivery.
/// </summary>
public sealed class TenantWebhooksGrain(
    [PersistentState("tenant-webhooks", StorageNames.Grains)] IPersistentState<TenantWebhooksState> state,
    Llm.SecretBox secrets,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<TenantWebhooksGrain> logger) : Grain, ITenantWebhooks
{
    private readonly WebhookOptions _options = options.Value;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<WebhookWithSecret?> Create(WebhookDraft draft)
    {
        if (state.State.Webhooks.Count >= _options.MaxWebhooksPerTenant)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var secret = WebhookSecrets.New();
        var id = WebhookSecrets.NewWebhookId();
        var webhook = new WebhookRecord(id, draft.Url, [.. draft.Events.Distinct()], Blank(draft.Description), true,
            secrets.Seal(secret, Llm.SecretOwner.Webhook(TenantId, id)), now, now);
        state.State = state.State with { Webhooks = state.State.Webhooks.Add(webhook) };
        await state.WriteStateAsync();
        logger.LogInformation("Tenant {TenantId} registered webhook {WebhookId} for {Events}", TenantId, webhook.Id, webhook.Events);
        return new WebhookWithSecret(webhook.ToView(), secret);
    }

    public Task<IReadOnlyList<WebhookView>> List() =>
        Task.FromResult<IReadOnlyList<WebhookView>>([.. state.State.Webhooks.Select(w => w.ToView())]);

    public Task<WebhookView?> Get(string webhookId) => Task.FromResult(Find(webhookId)?.ToView());

    public async Task<WebhookView?> Update(string webhookId, WebhookChange change)
    {
        var updated = await ReplaceAsync(webhookId, w => w with
        {
            Url = change.Url ?? w.Url,
            Events = change.Events is { } events ? [.. events.Distinct()] : w.Events,
            Description = change.Description is null ? w.Description : Blank(change.Description),
            Enabled = change.Enabled ?? w.Enabled,
        });
        return updated?.ToView();
    }

    public async Task<bool> Delete(string webhookId)
    {
        var webhook = Find(webhookId);
        if (webhook is null)
        {
            return false;
        }
        state.State = state.State with { Webhooks = state.State.Webhooks.Remove(webhook) };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IWebhookDeliveryLog>(DeliveryKey.LogFor(TenantId, webhookId)).Clear();
        logger.LogInformation("Tenant {TenantId} deleted webhook {WebhookId}", TenantId, webhookId);
        return true;
    }

    public async Task<WebhookWithSecret?> RotateSecret(string webhookId)
    {
        var secret = WebhookSecrets.New();
        var rotated = await ReplaceAsync(webhookId, w => w with { Secret = secrets.Seal(secret, Llm.SecretOwner.Webhook(TenantId, w.Id)) });
        if (rotated is not null)
        {
            logger.LogInformation("Tenant {TenantId} rotated the secret of webhook {WebhookId}", TenantId, webhookId);
        }
        return rotated is null ? null : new WebhookWithSecret(rotated.ToView(), secret);
    }

    public async Task<CallbackSecret> GetCallbackSecret() =>
        state.State.CallbackSecret is { } stored ? stored with { Secret = secrets.OpenOrLegacy(stored.Secret, Llm.SecretOwner.Callback(TenantId)) } : await RotateCallbackSecret();

    public async Task<CallbackSecret> RotateCallbackSecret()
    {
        var secret = new CallbackSecret(WebhookSecrets.New(), time.GetUtcNow());
        state.State = state.State with { CallbackSecret = secret with { Secret = secrets.Seal(secret.Secret, Llm.SecretOwner.Callback(TenantId)) } };
        await state.WriteStateAsync();
        logger.LogInformation("Tenant {TenantId} has a new callback secret", TenantId);
        return secret;
    }

    public Task<WebhookTarget?> GetTarget(string webhookId) =>
        Task.FromResult(Find(webhookId) is { } w ? new WebhookTarget(w.Url, secrets.OpenOrLegacy(w.Secret, Llm.SecretOwner.Webhook(TenantId, w.Id)), w.Enabled) : null);

    public Task Announce(WebhookNotice notice)
    {
        var eventName = WebhookEvents.ForJob(notice.Status);
        if (eventName is null)
        {
            return Task.CompletedTask;
        }
        var resultUrl = notice.Status == JobStatus.Completed
            ? $"{_options.PublicBaseUrl?.TrimEnd('/')}/api/v1/analyses/{notice.JobId}/result"
            : null;
        var order = new DeliveryOrder(eventName, new DeliveryData(notice.JobId, notice.Type, notice.Status.ToWire(), notice.Error, resultUrl, Approval: notice.Approval),
            notice.OccurredAt, null);
        // One delivery per job and event; a job may wait at several approval steps, one delivery each.
        var subject = notice.Approval is { } approval ? $"{notice.JobId}.{approval.Step}" : notice.JobId;

        if (notice.CallbackUrl is not null)
        {
            Deliver(DeliveryKey.Callback, subject, order with { CallbackUrl = notice.CallbackUrl });
        }
        foreach (var webhook in state.State.Webhooks.Where(w => w.Enabled && w.Events.Contains(eventName)))
        {
            Deliver(webhook.Id, subject, order);
        }
        return Task.CompletedTask;
    }

    public Task AnnounceBudgetReached(BudgetData budget, DateTimeOffset occurredAt)
    {
        var order = new DeliveryOrder(WebhookEvents.BudgetReached, new DeliveryData(null, null, null, null, null, budget), occurredAt, null);
        // Keyed by month: the budget is checked on every LLM call past it, and each repeat finds its delivery started.
        foreach (var webhook in state.State.Webhooks.Where(w => w.Enabled && w.Events.Contains(WebhookEvents.BudgetReached)))
        {
            Deliver(webhook.Id, "budget_" + budget.Month, order);
        }
        return Task.CompletedTask;
    }

    private void Deliver(string target, string subject, DeliveryOrder order)
    {
        var key = DeliveryKey.For(TenantId, target, subject, order.Event);
        logger.LogDebug("Tenant {TenantId} delivers {Event} of job {JobId} to {Target}", TenantId, order.Event, subject, target);
        _ = GrainFactory.GetGrain<IWebhookDelivery>(key).Start(order);
    }

    private WebhookRecord? Find(string webhookId) => state.State.Webhooks.FirstOrDefault(w => w.Id == webhookId);

    private async Task<WebhookRecord?> ReplaceAsync(string webhookId, Func<WebhookRecord, WebhookRecord> change)
    {
        var webhook = Find(webhookId);
        if (webhook is null)
        {
            return null;
        }
        var updated = change(webhook) with { UpdatedAt = time.GetUtcNow() };
        state.State = state.State with { Webhooks = state.State.Webhooks.Replace(webhook, updated) };
        await state.WriteStateAsync();
        return updated;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
