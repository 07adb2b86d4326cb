namespace Actors.Conversations;

/// <summary>
/// A tenant's conversations for listing: a read model the conversation grains write to, bounded to
/// the <see cref="ConversationOptions.ListCapacity"/> most recently updated (the conversations
/// themselves are the source of truth). It also sweeps them: a reminder, registered with the first
/// conversation, erases those untouched for longer than the tenant's retention, so an abandoned
/// conversation's content goes even if nobody opens it again; and those pushed out of the list by newer
/// ones, which no list would show or sweep again, unless they were touched since.
/// </summary>
public sealed class TenantConversationsGrain(
    [PersistentState("tenant-conversations", StorageNames.Grains)] IPersistentState<TenantConversationsState> state,
    IOptions<ConversationOptions> options,
    ConversationRetention retention,
    TimeProvider time,
    ILogger<TenantConversationsGrain> logger) : Grain, ITenantConversations, IRemindable
{
    private const string SweepReminder = "conversation-retention";
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly int _capacity = Math.Max(1, options.Value.ListCapacity);
    private bool _reminderRegistered;

    public async Task Record(ConversationListEntry entry)
    {
        var all = state.State.Conversations;
        all[entry.ConversationId] = entry;
        state.State.PushedOut.Remove(entry.ConversationId);
        if (all.Count > _capacity)
        {
            foreach (var oldest in all.Values.OrderBy(c => c.UpdatedAt).Take(all.Count - _capacity).ToList())
            {
                all.Remove(oldest.ConversationId);
                state.State.PushedOut[oldest.ConversationId] = oldest.UpdatedAt;
            }
        }
        await state.WriteStateAsync();
        await EnsureSweepReminderAsync();
    }

    public async Task Remove(string conversationId)
    {
        if (state.State.Conversations.Remove(conversationId) | state.State.PushedOut.Remove(conversationId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ConversationPage> List(int page, int perPage)
    {
        var all = state.State.Conversations.Values
            .OrderByDescending(c => c.UpdatedAt)
            .ThenBy(c => c.ConversationId, StringComparer.Ordinal)
            .ToList();
        var items = all.Skip((page - 1) * perPage).Take(perPage).ToList();
        return Task.FromResult(new ConversationPage(items, page, perPage, all.Count));
    }

    public async Task<int> Sweep()
    {
        var tenantId = this.GetPrimaryKeyString();
        var cutoff = time.GetUtcNow() - await retention.ForAsync(tenantId);
        var expired = state.State.Conversations.Values.Where(c => c.UpdatedAt < cutoff).Select(c => c.ConversationId).ToList();
        var erased = 0;
        foreach (var id in expired)
        {
            // The conversation decides by its own last update (the listing may lag it).
            if (await GrainFactory.GetGrain<IConversation>(Actors.Jobs.JobKey.For(tenantId, id)).EraseIfUntouchedSince(cutoff))
            {
                state.State.Conversations.Remove(id);
                erased++;
            }
        }
        // Pushed out of the list: erased unless updated after they were pushed out (then they listed themselves again).
        var pushedOut = state.State.PushedOut.ToList();
        var erasedPushedOut = 0;
        foreach (var (id, updatedAt) in pushedOut)
        {
            if (await GrainFactory.GetGrain<IConversation>(Actors.Jobs.JobKey.For(tenantId, id)).EraseIfUntouchedSince(updatedAt.AddTicks(1)))
            {
                erasedPushedOut++;
            }
            state.State.PushedOut.Remove(id);
        }
        if (expired.Count > 0 || pushedOut.Count > 0)
        {
            await state.WriteStateAsync();
        }
        if (erased > 0)
        {
            logger.LogInformation("Tenant {TenantId}: the retention sweep erased {Count} conversations untouched since {Cutoff}", tenantId, erased, cutoff);
        }
        if (erasedPushedOut > 0)
        {
            logger.LogInformation("Tenant {TenantId}: the retention sweep erased {Count} conversations pushed out of its list of {Capacity}", tenantId, erasedPushedOut, _capacity);
        }
        return erased + erasedPushedOut;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == SweepReminder ? Sweep() : Task.CompletedTask;

    private async Task EnsureSweepReminderAsync()
    {
        if (_reminderRegistered)
        {
            return;
        }
        var period = options.Value.SweepEvery < MinimumReminderPeriod ? MinimumReminderPeriod : options.Value.SweepEvery;
        await this.RegisterOrUpdateReminder(SweepReminder, period, period);
        _reminderRegistered = true;
    }
}
