namespace Actors.Conversations;

/// <summary>
/// A tenant's conversations for listing: a read model the conversation grains write to, bounded to
/// the <see cref="ConversationOptions.ListCapacity"/> most recently updated (the conversations
/// themselves are the source of truth).
/// </summary>
public sealed class TenantConversationsGrain(
    [PersistentState("tenant-conversations", StorageNames.Grains)] IPersistentState<TenantConversationsState> state,
    IOptions<ConversationOptions> options) : Grain, ITenantConversations
{
    private readonly int _capacity = Math.Max(1, options.Value.ListCapacity);

    public async Task Record(ConversationListEntry entry)
    {
        var all = state.State.Conversations;
        all[entry.ConversationId] = entry;
        if (all.Count > _capacity)
        {
            foreach (var oldest in all.Values.OrderBy(c => c.UpdatedAt).Take(all.Count - _capacity).ToList())
            {
                all.Remove(oldest.ConversationId);
            }
        }
        await state.WriteStateAsync();
    }

    public async Task Remove(string conversationId)
    {
        if (state.State.Conversations.Remove(conversationId))
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
}
