namespace Actors.Conversations;

/// <summary>
/// One conversation. Keeps the newest <see cref="ConversationOptions.Window"/> messages and folds
/// older ones into an extractive summary, so state is bounded however long it runs. Answers are
/// worked out by <see cref="ConversationResponderGrain"/>; this grain only reads and records turns.
/// </summary>
public sealed class ConversationGrain(
    [PersistentState("conversation", StorageNames.Grains)] IPersistentState<ConversationState> state,
    IOptions<ConversationOptions> options,
    ConversationRetention retention,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversation
{
    private readonly ConversationOptions _options = options.Value;

    public async Task<ConversationView> Create(IReadOnlyList<string> jobIds)
    {
        await ForgetIfExpiredAsync();
        if (!state.State.Created)
        {
            var now = time.GetUtcNow();
            state.State = new ConversationState { Created = true, JobIds = [.. jobIds.Distinct()], CreatedAt = now, UpdatedAt = now };
            await state.WriteStateAsync();
            await IndexAsync();
            logger.LogInformation("Conversation {ConversationKey} created on {JobCount} jobs", this.GetPrimaryKeyString(), jobIds.Count);
        }
        return View();
    }

    public async Task<ConversationView?> Get()
    {
        await ForgetIfExpiredAsync();
        return state.State.Created ? View() : null;
    }

    public async Task<ConversationContext?> GetContext()
    {
        await ForgetIfExpiredAsync();
        var s = state.State;
        return s.Created ? new ConversationContext(s.JobIds, [.. s.Messages], s.Topic) : null;
    }

    public async Task<bool> AddTurn(ConversationMessage question, ConversationReply answer)
    {
        await ForgetIfExpiredAsync();
        var s = state.State;
        if (!s.Created)
        {
            return false;
        }
        s.Messages.Add(question);
        s.Messages.Add(answer.Message);
        s.MessageCount += 2;
        s.Topic = answer.Topic ?? s.Topic;
        s.Title ??= question.Text.Length <= 80 ? question.Text : question.Text[..79] + "…";
        s.UpdatedAt = time.GetUtcNow();
        var window = Math.Max(2, _options.Window);
        while (s.Messages.Count > window)
        {
            ConversationSummary.Append(s.SummaryLines, ConversationSummary.LineFor(s.Messages[0]), Math.Max(1, _options.SummaryMaxChars));
            s.Messages.RemoveAt(0);
            s.SummarizedMessages++;
        }
        await state.WriteStateAsync();
        await IndexAsync();
        return true;
    }

    public async Task<bool> Bind(string jobId)
    {
        await ForgetIfExpiredAsync();
        var s = state.State;
        if (!s.Created)
        {
            return false;
        }
        if (!s.JobIds.Contains(jobId))
        {
            s.JobIds.Add(jobId);
            while (s.JobIds.Count > Math.Max(1, _options.MaxJobs))
            {
                s.JobIds.RemoveAt(0);
            }
            s.UpdatedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            await IndexAsync();
        }
        return true;
    }

    public async Task<bool> EraseIfUntouchedSince(DateTimeOffset cutoff)
    {
        if (!state.State.Created)
        {
            return true;
        }
        if (state.State.UpdatedAt >= cutoff)
        {
            return false;
        }
        // The sweep is called from the tenant's list, which drops the entry itself: calling back into it would deadlock.
        await EraseAsync(unlist: false);
        logger.LogInformation("Conversation {ConversationKey} erased by its tenant's retention sweep", this.GetPrimaryKeyString());
        return true;
    }

    public async Task<bool> Delete()
    {
        if (!state.State.Created)
        {
            return false;
        }
        await EraseAsync();
        logger.LogInformation("Conversation {ConversationKey} deleted", this.GetPrimaryKeyString());
        return true;
    }

    /// <summary>Besides the tenant's sweep, retention is enforced when the conversation is touched: its content is erased, not just hidden.</summary>
    private async Task ForgetIfExpiredAsync()
    {
        if (!state.State.Created)
        {
            return;
        }
        var (tenantId, _) = Actors.Jobs.JobKey.Parse(this.GetPrimaryKeyString());
        var keep = await retention.ForAsync(tenantId);
        if (time.GetUtcNow() - state.State.UpdatedAt > keep)
        {
            await EraseAsync();
            logger.LogInformation("Conversation {ConversationKey} erased after its retention of {Retention}", this.GetPrimaryKeyString(), keep);
        }
    }

    private async Task EraseAsync(bool unlist = true)
    {
        await state.ClearStateAsync();
        state.State = new ConversationState();
        if (unlist)
        {
            var (tenantId, id) = Actors.Jobs.JobKey.Parse(this.GetPrimaryKeyString());
            await GrainFactory.GetGrain<ITenantConversations>(tenantId).Remove(id);
        }
    }

    private Task IndexAsync()
    {
        var (tenantId, id) = Actors.Jobs.JobKey.Parse(this.GetPrimaryKeyString());
        var s = state.State;
        return GrainFactory.GetGrain<ITenantConversations>(tenantId)
            .Record(new ConversationListEntry(id, [.. s.JobIds], s.CreatedAt, s.UpdatedAt, s.MessageCount, s.Title));
    }

    private ConversationView View()
    {
        var s = state.State;
        var (_, id) = Actors.Jobs.JobKey.Parse(this.GetPrimaryKeyString());
        return new ConversationView(id, [.. s.JobIds], s.CreatedAt, s.UpdatedAt, s.MessageCount, [.. s.Messages],
            ConversationSummary.Text(s.SummaryLines), s.SummarizedMessages);
    }
}
