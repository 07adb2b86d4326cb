namespace Actors.Webhooks;

/// <summary>The newest attempts for one target. Bounded, so a webhook that fails all day keeps one small record.</summary>
public sealed class WebhookDeliveryLogGrain(
    [PersistentState("webhook-delivery-log", StorageNames.Grains)] IPersistentState<WebhookDeliveryLogState> state,
    IOptions<WebhookOptions> options) : Grain, IWebhookDeliveryLog
{
    private readonly int _size = Math.Max(1, options.Value.DeliveryLogSize);

    public async Task Record(DeliveryAttempt attempt)
    {
        var attempts = state.State.Attempts.Insert(0, attempt);
        if (attempts.Count > _size)
        {
            attempts = attempts.RemoveRange(_size, attempts.Count - _size);
        }
        state.State = state.State with { Attempts = attempts };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<DeliveryAttempt>> List() => Task.FromResult<IReadOnlyList<DeliveryAttempt>>(state.State.Attempts);

    public async Task Clear()
    {
        state.State = new WebhookDeliveryLogState();
        await state.ClearStateAsync();
    }
}
