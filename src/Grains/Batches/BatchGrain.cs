namespace Actors.Batches;

/// <summary>
/// One batch. Its items' jobs tell it of their changes one-way (<see cref="BatchJobObserver"/>); the changes are
/// written behind (one write for a burst), and an item's finishing event is shown to readers only once it is
/// written, so a sequence never names another item after a crash. While unfinished it holds a watchdog and
/// runs a loop that asks the jobs of unfinished items for their status now and then, and cancels them when
/// the batch was cancelled: a change lost with a silo, or a cancel cut short, is made good.
/// </summary>
public sealed class BatchGrain : Grain, IBatch, IRemindable
{
    private const string WatchdogReminder = "batch-watchdog";

    private readonly IPersistentState<BatchState> _state;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BatchGrain> _logger;
    private readonly RunLoop _run;
    private readonly WriteBehind _write;

    private string _tenantId = "";
    private BatchItemRecord[] _items = [];
    private Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);
    private int _finished;
    private int _writtenFinished;
    private bool _cancelRequested;
    private DateTimeOffset? _completedAt;
    private TaskCompletionSource _written = NewSignal();

    public BatchGrain(
        [PersistentState("batch", StorageNames.Grains)] IPersistentState<BatchState> state,
        IOptions<BatchOptions> options,
        TimeProvider time,
        ILogger<BatchGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _run = new RunLoop(this, WatchdogReminder, _options.WatchdogPeriod, KeepUpAsync, logger);
        _write = new WriteBehind(this, _options.WriteDelay, WriteAsync,
            ex => _logger.LogWarning(ex, "Batch {BatchId} of tenant {TenantId} could not write its items; retrying", _state.State.BatchId, _tenantId),
            retryAfter: TimeSpan.FromSeconds(1), interleave: true);
    }

    private bool Exists => _state.State.BatchId is not null;

    private bool Done => _completedAt is not null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenantId = JobKey.Parse(this.GetPrimaryKeyString()).TenantId;
        Load();
        if (Exists && !Done)
        {
            _run.Ensure();
        }
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _write.WriteIfScheduledAsync();
        }
        catch (Exception ex)
        {
            // The jobs still know; the next activation asks them.
            _logger.LogWarning(ex, "Batch {BatchId} of tenant {TenantId} could not write its items on deactivation", _state.State.BatchId, _tenantId);
        }
    }

    public async Task<BatchCreation> Create(BatchDraft draft)
    {
        if (Exists)
        {
            return new BatchCreation(View(), Created: false, SameRequest: _state.State.Fingerprint == draft.Fingerprint);
        }
        await _run.WatchAsync();
        _state.State = new BatchState
        {
            BatchId = draft.BatchId,
            Type = draft.Type,
            GroupBy = draft.GroupBy,
            CreatedAt = _time.GetUtcNow(),
            Items = [.. draft.Items.Select(i => new BatchItemRecord(i.Key, i.JobId, JobStatus.Queued, null, 0))],
            Fingerprint = draft.Fingerprint,
        };
        await _state.WriteStateAsync();
        Load();
        _logger.LogInformation("Tenant {TenantId} created batch {BatchId} of {ItemCount} items", _tenantId, draft.BatchId, _items.Length);
        _run.Ensure();
        return new BatchCreation(View(), Created: true, SameRequest: true);
    }

    public Task<BatchView?> Get() => Task.FromResult(Exists ? View() : null);

    public Task<BatchItemPage?> ListItems(int offset, int limit) => Task.FromResult(Exists
        ? new BatchItemPage([.. _items.Skip(offset).Take(limit).Select((item, i) => ItemView(offset + i, item))], _items.Length)
        : null);

    public async Task<BatchEventPage?> WaitForEvents(long afterSequence, TimeSpan wait)
    {
        if (!Exists)
        {
            return null;
        }
        if (LastVisibleSequence() <= afterSequence)
        {
            var written = _written.Task;
            await Task.WhenAny(written, Task.Delay(wait, _time));
        }
        return Events(afterSequence);
    }

    public Task ItemChanged(string jobId, JobStatus status, JobError? error)
    {
        if (Exists && _indexOf.TryGetValue(jobId, out var index))
        {
            Apply(index, status, error);
        }
        return Task.CompletedTask;
    }

    public async Task<BatchView?> Cancel()
    {
        if (!Exists)
        {
            return null;
        }
        if (!_cancelRequested && !Done)
        {
            _cancelRequested = true;
            await _write.WriteNowAsync();
            _logger.LogInformation("Tenant {TenantId} cancels batch {BatchId}", _tenantId, _state.State.BatchId);
            _run.Ensure();
        }
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_run.IsWatchdog(reminderName))
        {
            return;
        }
        if (Exists && !Done)
        {
            _run.Ensure();
        }
        else
        {
            await _run.StopWatchingAsync();
        }
    }

    /// <summary>
    /// Until every item has finished: cancels the unfinished ones if the batch was cancelled, and asks their jobs
    /// for their status, so what a lost notice would have said is learnt anyway.
    /// </summary>
    private async Task KeepUpAsync(CancellationToken stopping)
    {
        while (!Done)
        {
            var unfinished = Enumerable.Range(0, _items.Length).Where(i => !_items[i].Status.IsTerminal()).ToList();
            foreach (var chunk in unfinished.Chunk(64))
            {
                var asked = chunk.Select(async index =>
                {
                    var job = GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(_tenantId, _items[index].JobId));
                    try
                    {
                        return (index, snapshot: _cancelRequested ? await job.Cancel() : await job.GetStatus(), failed: false);
                    }
                    catch (Exception ex) when (ex is OrleansException or TimeoutException)
                    {
                        _logger.LogDebug(ex, "Batch {BatchId} could not ask job {JobId}; asking again later", _state.State.BatchId, _items[index].JobId);
                        return (index, snapshot: (JobSnapshot?)null, failed: true);
                    }
                });
                foreach (var (index, snapshot, failed) in await Task.WhenAll(asked))
                {
                    if (snapshot is not null)
                    {
                        Apply(index, snapshot.Status, snapshot.Error);
                    }
                    else if (!failed && _time.GetUtcNow() - _state.State.CreatedAt > _options.SubmitGrace)
                    {
                        Apply(index, JobStatus.Failed, new JobError("not_submitted", "The item's job was never submitted (its submission was cut short); submit the batch again with the same Idempotency-Key."));
                    }
                }
            }
            if (Done)
            {
                break;
            }
            await Task.Delay(_options.ReconcileInterval, _time, stopping);
        }
        await _write.WriteIfScheduledAsync();
        await _run.StopWatchingAsync();
    }

    private void Apply(int index, JobStatus status, JobError? error)
    {
        var item = _items[index];
        if (item.Status.IsTerminal() || item.Status == status)
        {
            return;
        }
        _items[index] = status.IsTerminal()
            ? item with { Status = status, Error = error, FinishedSequence = ++_finished }
            : item with { Status = status };
        if (_finished == _items.Length && !Done)
        {
            _completedAt = _time.GetUtcNow();
            _logger.LogInformation("Batch {BatchId} of tenant {TenantId} finished: {ItemCount} items", _state.State.BatchId, _tenantId, _items.Length);
        }
        _write.Schedule();
    }

    private async Task WriteAsync()
    {
        var finished = _finished;
        _state.State = _state.State with { Items = [.. _items], CancelRequested = _cancelRequested, CompletedAt = _completedAt };
        await _state.WriteStateAsync();
        _writtenFinished = Math.Max(_writtenFinished, finished);
        var written = _written;
        _written = NewSignal();
        written.TrySetResult();
    }

    private void Load()
    {
        var s = _state.State;
        _items = [.. s.Items];
        _indexOf = new Dictionary<string, int>(_items.Length, StringComparer.Ordinal);
        for (var i = 0; i < _items.Length; i++)
        {
            _indexOf[_items[i].JobId] = i;
        }
        _finished = _items.Count(i => i.FinishedSequence > 0);
        _writtenFinished = _finished;
        _cancelRequested = s.CancelRequested;
        _completedAt = s.CompletedAt;
    }

    /// <summary>The last sequence a reader may see: finished items written so far, and the batch's own event once that is written too.</summary>
    private long LastVisibleSequence() =>
        _state.State.CompletedAt is not null ? _items.Length + 1 : _writtenFinished;

    private BatchEventPage Events(long afterSequence)
    {
        var visible = LastVisibleSequence();
        var status = Status(_state.State.CompletedAt);
        var total = _items.Length;
        var events = _items.Select((item, index) => (item, index))
            .Where(x => x.item.FinishedSequence > afterSequence && x.item.FinishedSequence <= Math.Min(visible, total))
            .OrderBy(x => x.item.FinishedSequence)
            .Select(x => new BatchEvent(x.item.FinishedSequence, ItemView(x.index, x.item), BatchStatus.Running, x.item.FinishedSequence, total))
            .ToList();
        if (visible == total + 1 && afterSequence < visible)
        {
            events.Add(new BatchEvent(total + 1, null, status, total, total));
        }
        return new BatchEventPage(events, status);
    }

    private BatchStatus Status(DateTimeOffset? completedAt) =>
        completedAt is null ? BatchStatus.Running : _cancelRequested ? BatchStatus.Cancelled : BatchStatus.Completed;

    private BatchView View()
    {
        int queued = 0, running = 0, completed = 0, failed = 0, cancelled = 0;
        foreach (var item in _items)
        {
            switch (item.Status)
            {
                case JobStatus.Queued: queued++; break;
                case JobStatus.Running: running++; break;
                case JobStatus.Completed: completed++; break;
                case JobStatus.Failed: failed++; break;
                case JobStatus.Cancelled: cancelled++; break;
            }
        }
        var total = _items.Length;
        var s = _state.State;
        // The status turns once its end is written, as the stream's last event does: readers never see a batch end the stream has not.
        return new BatchView(s.BatchId!, Status(s.CompletedAt), s.Type, s.GroupBy, total, new BatchCounts(queued, running, completed, failed, cancelled),
            total == 0 ? 100 : (int)(100L * _finished / total), s.CreatedAt, s.CompletedAt, _cancelRequested);
    }

    private static BatchItemView ItemView(int index, BatchItemRecord item) => new(index, item.Key, item.JobId, item.Status, item.Error);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
