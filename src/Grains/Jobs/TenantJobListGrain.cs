using Orleans.Concurrency;

namespace Actors.Jobs;

/// <summary>
/// A tenant's jobs for listing, newest first: a read model of the job grains. A job's terminal
/// snapshot is acknowledged only once it is saved (the job's watchdog calls again until it is), so
/// the list is never behind a finished job for longer than a watchdog period; earlier snapshots are
/// batched on a short timer, since the job's next transition carries them along. Rows that still
/// say queued or running when read, and were not heard of lately, are checked with their job.
/// With an <see cref="IJobIndex"/> (production: PostgreSQL) the list lives there, unbounded and
/// paginated by the database, and this grain only buffers the next batch; the embedded default
/// keeps the newest <see cref="QueueOptions.JobListCapacity"/> jobs in its state.
/// </summary>
/// <remarks>
/// Reentrant so that one save serves every snapshot that arrived while the one before was in
/// flight (a group commit): without it, each finished job would wait for its own write in turn.
/// </remarks>
[Reentrant]
public sealed class TenantJobListGrain(
    [PersistentState("tenant-job-list", StorageNames.Grains)] IPersistentState<TenantJobListState> state,
    IEnumerable<IJobIndex> indexes,
    IEnumerable<IResultStore> resultStores,
    IOptions<QueueOptions> options,
    IOptions<JobOptions> jobOptions,
    TimeProvider time,
    ILogger<TenantJobListGrain> logger) : Grain, ITenantJobList
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetentionSweepEvery = TimeSpan.FromHours(1);

    /// <summary>A queued or running row not heard of for this long is checked with its job when read.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    /// <summary>A job that does not answer this soon (its silo just died) keeps its row for this read.</summary>
    private static readonly TimeSpan RepairWait = TimeSpan.FromSeconds(2);

    /// <summary>Jobs checked per read at most, so a page of a long backlog costs a bounded number of calls.</summary>
    private const int RepairsPerRead = 64;

    /// <summary>
    /// The embedded state holds the whole list, so a write costs its size: writes that would follow
    /// each other closer than this wait, and carry every snapshot that arrived meanwhile.
    /// </summary>
    private static readonly TimeSpan StateWriteGap = TimeSpan.FromMilliseconds(100);

    private readonly IJobIndex? _index = indexes.LastOrDefault();
    private readonly IResultStore? _results = resultStores.LastOrDefault();
    private readonly int _capacity = Math.Max(1, options.Value.JobListCapacity);
    private readonly Dictionary<string, JobSnapshot> _pending = [];
    private bool _stateChanged;
    private WriteBehind? _write;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    // The group commit: one save in flight; whoever records meanwhile waits for the next one.
    private TaskCompletionSource? _nextSave;
    private bool _saving;
    private long _lastSaveStarted;

    // When each unfinished job last told or was asked (this activation): a row absent here is checked on read.
    private readonly Dictionary<string, long> _heard = new(StringComparer.Ordinal);

    // Snapshots before a terminal one ride on one write a second; a failed write is tried again 5 s later.
    private WriteBehind Write => _write ??= new WriteBehind(this, FlushDelay, FlushAsync,
        ex => logger.LogWarning(ex, "Tenant job list {TenantId} could not save; retrying in {RetryDelay}", this.GetPrimaryKeyString(), RetryDelay),
        retryAfter: RetryDelay);

    public async Task Record(JobSnapshot job)
    {
        if (!Apply(job))
        {
            return;
        }
        if (job.Status.IsTerminal())
        {
            // The job drops its watchdog only once this returns: a lost acknowledgement is retried, a lost row is not.
            await SaveAsync();
            return;
        }
        Write.Schedule();
    }

    public async Task<JobPage> List(int page, int perPage, JobStatus? status, string? type)
    {
        JobPage found;
        if (_index is not null)
        {
            // Read your writes: what this grain still buffers goes to the index first.
            if (_pending.Count > 0)
            {
                await SaveAsync();
            }
            found = await _index.ListAsync(this.GetPrimaryKeyString(), page, perPage, status, type);
        }
        else
        {
            var matching = state.State.Jobs.Values
                .Where(j => status is null || j.Status == status)
                .Where(j => type is null || j.Type == type)
                .OrderByDescending(j => j.CreatedAt)
                .ThenBy(j => j.JobId, StringComparer.Ordinal)
                .ToList();
            found = new JobPage(matching.Skip((page - 1) * perPage).Take(perPage).ToList(), page, perPage, matching.Count);
        }
        return await RepairAsync(found, status);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!Write.IsScheduled)
        {
            return;
        }
        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            // On a silo shutting down its storage may already be gone; every finished job's own snapshot is saved before the job lets go.
            logger.LogDebug(ex, "Tenant job list {TenantId} could not flush on deactivation", this.GetPrimaryKeyString());
        }
    }

    /// <summary>Takes <paramref name="job"/> unless a newer snapshot of it is known; false when it was older.</summary>
    private bool Apply(JobSnapshot job)
    {
        if (job.Status.IsTerminal())
        {
            _heard.Remove(job.JobId);
        }
        else
        {
            _heard[job.JobId] = time.GetTimestamp();
        }
        var jobs = _index is null ? state.State.Jobs : _pending;
        if (jobs.TryGetValue(job.JobId, out var known) && known.LastSequence > job.LastSequence)
        {
            return false;
        }
        jobs[job.JobId] = job;
        if (_index is null)
        {
            _stateChanged = true;
            if (jobs.Count > _capacity)
            {
                foreach (var oldest in jobs.Values.OrderBy(j => j.CreatedAt).Take(jobs.Count - _capacity).ToList())
                {
                    jobs.Remove(oldest.JobId);
                }
            }
        }
        return true;
    }

    /// <summary>
    /// The page, with rows that say queued or running and were not heard of lately checked with their
    /// job: a row whose terminal snapshot was lost (its list's silo died with it buffered) is put
    /// right on read instead of by the job's next watchdog tick.
    /// </summary>
    private async Task<JobPage> RepairAsync(JobPage page, JobStatus? status)
    {
        var now = time.GetTimestamp();
        var stale = page.Items
            .Where(j => !j.Status.IsTerminal())
            .Where(j => !_heard.TryGetValue(j.JobId, out var heard) || time.GetElapsedTime(heard, now) >= StaleAfter)
            .Take(RepairsPerRead)
            .ToList();
        if (stale.Count == 0)
        {
            return page;
        }
        foreach (var job in stale)
        {
            _heard[job.JobId] = now;
        }
        var answers = await Task.WhenAll(stale.Select(AskAsync));
        var newer = answers.OfType<JobSnapshot>().ToDictionary(j => j.JobId, StringComparer.Ordinal);
        if (newer.Count == 0)
        {
            return page;
        }
        logger.LogWarning("Tenant job list {TenantId} was behind {Count} job(s) ({JobIds}); repaired from the jobs",
            this.GetPrimaryKeyString(), newer.Count, string.Join(", ", newer.Keys));
        var any = false;
        foreach (var job in newer.Values)
        {
            any |= Apply(job);
        }
        if (any)
        {
            try
            {
                await SaveAsync();
            }
            catch (Exception ex)
            {
                // The page is still right; the save is retried on the timer.
                logger.LogWarning(ex, "Tenant job list {TenantId} could not save its repaired rows; retrying in {RetryDelay}", this.GetPrimaryKeyString(), RetryDelay);
                Write.Schedule(RetryDelay);
            }
        }
        // A row repaired out of the status asked for leaves this page (and its count).
        var items = page.Items.Select(j => newer.GetValueOrDefault(j.JobId) ?? j).ToList();
        var left = items.RemoveAll(j => status is not null && j.Status != status);
        return page with { Items = items, Total = page.Total - left };
    }

    /// <summary>The job's own snapshot when it is newer than the row's, else null (also when it does not answer in time).</summary>
    private async Task<JobSnapshot?> AskAsync(JobSnapshot row)
    {
        try
        {
            var job = await GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(this.GetPrimaryKeyString(), row.JobId)).GetStatus().WaitAsync(RepairWait);
            return job is not null && job.LastSequence > row.LastSequence ? job : null;
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Tenant job list {TenantId} could not check job {JobId}", this.GetPrimaryKeyString(), row.JobId);
            return null;
        }
    }

    private async Task FlushAsync()
    {
        await SaveAsync();
        if (_index is not null)
        {
            await SweepAsync();
        }
    }

    /// <summary>Completes once a save that started after this call has succeeded: everything recorded before it is then stored.</summary>
    private Task SaveAsync()
    {
        var next = _nextSave ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_saving)
        {
            _saving = true;
            _ = SaveInTurnsAsync();
        }
        return next.Task;
    }

    private async Task SaveInTurnsAsync()
    {
        try
        {
            while (_nextSave is { } saving)
            {
                var gap = (_index is null ? StateWriteGap : TimeSpan.Zero) - time.GetElapsedTime(_lastSaveStarted);
                if (gap > TimeSpan.Zero)
                {
                    await Task.Delay(gap, time);
                }
                // Whoever records from here on waits for the next turn: this one may have read the buffer already.
                _nextSave = null;
                _lastSaveStarted = time.GetTimestamp();
                try
                {
                    await SaveBufferedAsync();
                    saving.SetResult();
                }
                catch (Exception ex)
                {
                    // Its callers hear of it (a job retries on its watchdog); what is buffered is retried here too.
                    saving.SetException(ex);
                    Write.Schedule(RetryDelay);
                }
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task SaveBufferedAsync()
    {
        if (_index is null)
        {
            if (!_stateChanged)
            {
                return;
            }
            _stateChanged = false;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                _stateChanged = true;
                throw;
            }
            return;
        }
        if (_pending.Count == 0)
        {
            return;
        }
        var batch = _pending.Values.ToList();
        await _index.SaveAsync(this.GetPrimaryKeyString(), batch);
        foreach (var saved in batch)
        {
            // A newer snapshot may have arrived while saving: it stays for the next batch.
            if (_pending.TryGetValue(saved.JobId, out var current) && ReferenceEquals(current, saved))
            {
                _pending.Remove(saved.JobId);
            }
        }
    }

    /// <summary>Finished jobs and stored reports older than their retention are deleted, at most once an hour per tenant.</summary>
    private async Task SweepAsync()
    {
        var now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + RetentionSweepEvery;
        var forgotten = await _index!.ForgetFinishedBeforeAsync(this.GetPrimaryKeyString(), now - options.Value.JobListRetention);
        // Reports stored by reference have their own retention; the tenant's sweep is a natural place for it.
        var expired = _results is null ? 0 : await _results.ForgetBeforeAsync(this.GetPrimaryKeyString(), now - jobOptions.Value.ResultRetention);
        if (forgotten > 0 || expired > 0)
        {
            logger.LogInformation("Tenant job list {TenantId} forgot {Count} finished jobs and {Reports} stored reports past retention",
                this.GetPrimaryKeyString(), forgotten, expired);
        }
    }
}
