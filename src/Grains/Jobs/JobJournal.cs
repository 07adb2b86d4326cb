using Microsoft.Extensions.DependencyInjection;
using Orleans.Core;
using Orleans.Storage;
using Orleans.Streams;

namespace Actors.Jobs;

/// <summary>
/// A job's record: its persisted state with the bounded replay buffer, changed only through
/// <see cref="CommitAsync"/>, which writes before it publishes, so the state is what listeners catch
/// up from. Readers see <see cref="Written"/> (what storage holds, also while a write is in flight);
/// the run sees <see cref="Current"/> (written plus staged). A start from the queue, and step
/// checkpoints that come within <see cref="JobOptions.CheckpointInterval"/> of the last write, are
/// staged and go out with the next write or on the flush timer: a job of fast steps writes once from
/// started to completed. A crash loses at most what was staged, which is redone (a lost start leaves
/// the job queued for its watchdog). The tenant's job list, a read model, hears of each written change
/// to a status that is not terminal (the job's finish tells it of the terminal one and waits for its answer).
/// </summary>
public sealed class JobJournal
{
    private readonly StateStorageBridge<AnalysisJobState> _state;
    private readonly string _tenantId;
    private readonly string _jobId;
    private readonly IAsyncStream<JobEvent> _stream;
    private readonly IAsyncStream<JobEvent> _tenantStream;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JobNeighbours _neighbours;
    private readonly WriteBehind _stagedWrite;

    // Writes come from grain calls and from the interleaving run loop: one at a time, in sequence order.
    private readonly SemaphoreSlim _commitGate = new(1, 1);

    private Task? _loaded;
    private AnalysisJobState? _staged;
    private readonly List<JobEvent> _stagedEvents = [];
    private long _lastWrite;

    // The storage bridge writes _state.State, so it holds the new state while its write is in flight;
    // until the write succeeds, readers are answered from what was written before it.
    private AnalysisJobState? _writtenBeforeWrite;

    /// <param name="neighbours">The tenant's job list is told of each written change of status.</param>
    public JobJournal(Grain grain, string stateName, string tenantId, string jobId, JobOptions options, JobNeighbours neighbours,
        TimeProvider time, ILogger logger)
    {
        var context = grain.GrainContext;
        _state = new StateStorageBridge<AnalysisJobState>(stateName, context,
            context.ActivationServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains));
        (_tenantId, _jobId, _options, _neighbours, _time, _logger) = (tenantId, jobId, options, neighbours, time, logger);
        var streams = grain.GetStreamProvider(JobStreams.ProviderName);
        _stream = streams.GetStream<JobEvent>(JobStreams.ForJob(tenantId, jobId));
        _tenantStream = streams.GetStream<JobEvent>(JobStreams.ForTenant(tenantId));
        _stagedWrite = new WriteBehind(grain, options.CheckpointInterval, WriteStagedAsync, StagedWriteFailed, interleave: true);
    }

    /// <summary>The state last handed to storage (written, or being written): what the lifecycle decides on.</summary>
    public AnalysisJobState Committed => _state.State;

    /// <summary>The job as the run loop knows it: written state plus any staged checkpoints.</summary>
    public AnalysisJobState Current => _staged ?? _state.State;

    /// <summary>The job as storage holds it: what readers see.</summary>
    public AnalysisJobState Written => _writtenBeforeWrite ?? _state.State;

    /// <summary>True once this activation has read the job (or knows it to be new).</summary>
    public bool IsLoaded => _loaded is not null;

    /// <summary>The job as written, or as <paramref name="known"/> says.</summary>
    public JobSnapshot Snapshot(AnalysisJobState? known = null)
    {
        var s = known ?? Written;
        return new JobSnapshot(_jobId, s.Request?.Type ?? "", s.Status, s.Request?.Priority ?? JobPriority.Normal, s.Progress,
            s.CurrentStep, s.Attempts, s.CreatedAt, s.StartedAt, s.CompletedAt, s.Error, s.LastSequence,
            s.Status == JobStatus.AwaitingApproval ? s.Approval : null);
    }

    /// <summary>Buffered events after <paramref name="afterSequence"/> as written; null when there is no job.</summary>
    public JobEventPage? EventsAfter(long afterSequence)
    {
        var written = Written;
        if (written.Request is null)
        {
            return null;
        }
        var buffered = written.Events;
        var oldest = buffered.Count > 0 ? buffered[0].Sequence : written.LastSequence + 1;
        var truncated = afterSequence + 1 < oldest;
        return new JobEventPage(buffered.Where(e => e.Sequence > afterSequence).ToList(), written.Status, written.LastSequence, truncated);
    }

    /// <summary>
    /// Reads the job once per activation, then runs <paramref name="afterRead"/> once; callers that
    /// come meanwhile wait for the same read. A failed read (storage down) is tried again by the next caller.
    /// </summary>
    public async Task LoadAsync(Func<Task> afterRead)
    {
        _loaded ??= ReadAsync(afterRead);
        try
        {
            await _loaded;
        }
        catch
        {
            _loaded = null;
            throw;
        }
    }

    /// <summary>The job is new: no read, and its first write is an insert (which fails if the id is taken).</summary>
    public void StartNew()
    {
        _loaded = Task.CompletedTask;
        _state.State = new AnalysisJobState();
    }

    /// <summary>What this activation knows is wrong (the id it took for new exists): the next load reads again.</summary>
    public void Forget() => _loaded = null;

    /// <summary>
    /// Applies <paramref name="change"/> (null means "nothing to do") and appends the event to the
    /// replay buffer, then writes and publishes, or stages the change as <paramref name="write"/> allows:
    /// a staged change goes out, in order, with the next write, or within
    /// <see cref="JobOptions.CheckpointInterval"/> on the flush timer. Returns the event, or null when nothing changed.
    /// </summary>
    public async Task<JobEvent?> CommitAsync(Func<AnalysisJobState, AnalysisJobState?> change, JobEventKind kind, string? message,
        JobWrite write = JobWrite.Now)
    {
        await _commitGate.WaitAsync();
        try
        {
            var next = change(Current);
            if (next is null)
            {
                return null;
            }
            (next, var jobEvent) = Append(next, kind, message);
            _stagedEvents.Add(jobEvent);
            if (write == JobWrite.WithCallersNext)
            {
                _staged = next;
                return jobEvent;
            }
            var stage = write switch
            {
                JobWrite.Soon => true,
                JobWrite.Checkpoint => _staged is not null || _time.GetElapsedTime(_lastWrite) < _options.CheckpointInterval,
                _ => false,
            };
            if (stage)
            {
                _staged = next;
                _stagedWrite.Schedule();
                return jobEvent;
            }
            await WriteAsync(next);
            return jobEvent;
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>A change that is no event of the job (a finished job's kept data erased): written at once, nothing published.</summary>
    public async Task AmendAsync(Func<AnalysisJobState, AnalysisJobState?> change)
    {
        await _commitGate.WaitAsync();
        try
        {
            if (change(Current) is { } next)
            {
                await WriteAsync(next);
            }
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>A graceful stop keeps what is staged, so the job resumes after its last step instead of redoing it.</summary>
    public async Task FlushAsync()
    {
        if (_staged is null)
        {
            return;
        }
        try
        {
            await _stagedWrite.WriteNowAsync();
        }
        catch (Exception ex)
        {
            StagedWriteFailed(ex);
        }
    }

    private async Task ReadAsync(Func<Task> afterRead)
    {
        await _state.ReadStateAsync();
        await afterRead();
    }

    /// <summary>The next event of the job, and the state with it in its bounded replay buffer.</summary>
    private (AnalysisJobState, JobEvent) Append(AnalysisJobState next, JobEventKind kind, string? message)
    {
        var sequence = Current.LastSequence + 1;
        var jobEvent = new JobEvent(_jobId, sequence, kind, next.Status, next.Progress, next.CurrentStep, _time.GetUtcNow(), message, next.Error);
        var events = next.Events.Add(jobEvent);
        if (events.Count > _options.ReplayBufferSize)
        {
            events = events.RemoveRange(0, events.Count - _options.ReplayBufferSize);
        }
        return (next with { LastSequence = sequence, Events = events }, jobEvent);
    }

    /// <summary>Writes <paramref name="next"/>, then publishes every staged event in order. Called under the commit gate.</summary>
    private async Task WriteAsync(AnalysisJobState next)
    {
        var written = _state.State;
        _writtenBeforeWrite = written;
        _state.State = next;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // What was staged is dropped with the failed write: the job carries on from what storage holds.
            _state.State = written;
            _staged = null;
            _stagedEvents.Clear();
            throw;
        }
        finally
        {
            _writtenBeforeWrite = null;
        }
        _staged = null;
        _lastWrite = _time.GetTimestamp();
        var published = _stagedEvents.ToArray();
        _stagedEvents.Clear();
        if (published.Length > 0)
        {
            await PublishAsync(published);
        }
        if ((written.Status != next.Status || written.Request is null) && !next.Status.IsTerminal())
        {
            // Not awaited: the list batches these, and the job's writes must not wait on that; a terminal
            // snapshot is awaited by the job's finish instead. The list keeps the newest snapshot by sequence.
            _ = _neighbours.RecordInJobListAsync(Snapshot());
        }
    }

    /// <summary>Writes staged checkpoints that no later commit has taken along, so a slow next step does not hold back the progress before it.</summary>
    private async Task WriteStagedAsync()
    {
        await _commitGate.WaitAsync(CancellationToken.None);
        try
        {
            if (_staged is { } staged)
            {
                await WriteAsync(staged);
            }
        }
        finally
        {
            _commitGate.Release();
        }
    }

    // The run loop's next commit writes again, or finds storage down and pauses.
    private void StagedWriteFailed(Exception ex) =>
        _logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not write its staged checkpoints", _jobId, _tenantId);

    /// <summary>Publishes what one write made durable: several events go as one batch per stream, one message instead of one each.</summary>
    private async Task PublishAsync(JobEvent[] events)
    {
        try
        {
            if (events.Length == 1)
            {
                await Task.WhenAll(_stream.OnNextAsync(events[0]), _tenantStream.OnNextAsync(events[0]));
            }
            else
            {
                await Task.WhenAll(_stream.OnNextBatchAsync(events), _tenantStream.OnNextBatchAsync(events));
            }
        }
        catch (Exception ex)
        {
            // Streams are best effort: listeners catch up from the persisted replay buffer.
            _logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not publish events {FirstSequence} to {LastSequence}",
                _jobId, _tenantId, events[0].Sequence, events[^1].Sequence);
        }
    }
}
