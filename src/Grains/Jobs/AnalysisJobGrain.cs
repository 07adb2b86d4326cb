using Actors.Analyses;
using Actors.Llm;
using Actors.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace Actors.Jobs;

/// <summary>
/// One analysis job's lifecycle: submit, admit, run, retry, cancel, resume, and wait at approval steps
/// (holding no run slot, its watchdog applying the timeout policy). It delegates the rest:
/// <see cref="JobJournal"/> owns the state (write, then publish; the replay buffer; staged
/// checkpoints), <see cref="JobRun"/> the work from input to report, <see cref="JobReports"/> where
/// the report lives, <see cref="JobNeighbours"/> the calls to the queue, job list, ledger and
/// observers, <see cref="RunLoop"/> the interleaving run with its watchdog, which lives while the
/// job is not terminal and brings it back after its silo dies, <see cref="JobApproval"/> the approval
/// steps, <see cref="JobAttempts"/> the pacing of attempts, <see cref="KeptInput"/> the submitted data
/// kept after completion, and <see cref="JobFinish"/> what follows a terminal state.
/// </summary>
public sealed class AnalysisJobGrain(
    AnalysisCatalog catalog,
    IOptions<JobOptions> options,
    IEnumerable<IJobObserver> observers,
    ICompletionLedger ledger,
    IEnumerable<IResultStore> resultStores,
    Narrator narrator,
    IHostApplicationLifetime host,
    TimeProvider time,
    ILogger<AnalysisJobGrain> logger) : Grain, IAnalysisJob, IRemindable, IIncomingGrainCallFilter
{
    /// <summary>The job's state name in <see cref="StorageNames.Grains"/>.</summary>
    public const string StateName = "analysis-job";

    private const string WatchdogReminder = "watchdog";

    private readonly JobOptions _options = options.Value;
    private string _tenantId = "";
    private string _jobId = "";

    // Made at activation, when the grain's key and runtime are at hand.
    private JobJournal _journal = null!;
    private JobRun _jobRun = null!;
    private JobReports _reports = null!;
    private JobNeighbours _neighbours = null!;
    private RunLoop _loop = null!;
    private KeptInput _kept = null!;
    private JobApproval _approval = null!;
    private JobAttempts _attempts = null!;
    private JobFinish _finish = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _jobId) = JobKey.Parse(this.GetPrimaryKeyString());
        _neighbours = new JobNeighbours(_tenantId, _jobId, GrainFactory, observers, ledger, logger);
        _journal = new JobJournal(this, StateName, _tenantId, _jobId, _options, _neighbours, time, logger);
        _jobRun = new JobRun(_tenantId, _jobId, _journal, catalog, narrator, ServiceProvider.GetRequiredService<Actors.Agents.AgentSteps>(),
            ServiceProvider.GetRequiredService<Actors.Agents.TeamLead>(), GrainFactory, logger);
        _reports = new JobReports(resultStores.LastOrDefault(), _tenantId, _jobId, _options.InlineResultLimitBytes);
        _loop = new RunLoop(this, WatchdogReminder, _options.WatchdogPeriod, RunAsync, logger);
        // So that a silo's death, heard here, reaches this tenant's queue (SiloDeathWatch).
        ServiceProvider.GetRequiredService<LocalTenants>().Enter(_tenantId);
        _kept = new KeptInput(this, _journal, _neighbours, _options.InputRetention, time, _tenantId, _jobId, logger);
        _finish = new JobFinish(_journal, _neighbours, _loop, _kept, _jobRun, _tenantId);
        _attempts = new JobAttempts(_journal, _options, time, _tenantId, _jobId, logger);
        _approval = new JobApproval(_journal, _neighbours, _options, time, _tenantId, _jobId, logger, EnlistAsync, FinishAsync);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Every call but <see cref="SubmitNew"/> (whose id the API has just made) finds the job read first, once per activation.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.ImplementationMethod.Name != nameof(SubmitNew))
        {
            await LoadAsync();
        }
        await context.Invoke();
    }

    private Task LoadAsync() => _journal.LoadAsync(async () =>
    {
        if (_journal.Committed is { Request: not null, Status: JobStatus.Running })
        {
            // The activation that ran this job is gone (its silo died or it was collected): resume from the checkpoints.
            await ResumeAsync();
        }
    });

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ServiceProvider.GetRequiredService<LocalTenants>().Leave(_tenantId);
        return _journal.FlushAsync();
    }

    public async Task<SubmitOutcome> SubmitNew(AnalysisRequest request)
    {
        if (_journal.IsLoaded)
        {
            await LoadAsync();
            return await Submit(request);
        }
        _journal.StartNew();
        try
        {
            return await Submit(request);
        }
        catch (InconsistentStateException ex) when (_journal.Committed.Request is null)
        {
            // The id was in use after all: the insert found its row. Answer as a retry of that job.
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} was submitted as new but exists; reading it", _jobId, _tenantId);
            _journal.Forget();
            await LoadAsync();
            return await Submit(request);
        }
    }

    public async Task<SubmitOutcome> Submit(AnalysisRequest request)
    {
        if (_journal.Committed.Request is not null)
        {
            var position = _journal.Committed.Status == JobStatus.Queued ? await EnlistAsync() : 0;
            return new SubmitOutcome(_journal.Snapshot(), position, Created: false);
        }
        // The watchdog first: if the write below fails, a watchdog that finds no job removes itself.
        await _loop.WatchAsync();
        // Small data rides in the job's own state (one write instead of a write and a delete);
        // large data is stored once apart, so the job's frequent writes stay small.
        var inline = (request.RecordsJson?.Length ?? 0) + (request.Csv?.Length ?? 0) <= _options.InlineInputLimit;
        if (!inline)
        {
            await _neighbours.Input.Save(request.RecordsJson, request.Csv);
        }
        var now = time.GetUtcNow();
        var stored = inline ? request : KeptInput.WithoutData(request);
        // Enlist before the first write: a job admitted at once is written queued and started in one
        // write. A slot taken for a job whose write then fails is handed back, here or by the watchdog.
        var ticket = await _neighbours.TryEnqueueAsync(request.Priority);
        try
        {
            await _journal.CommitAsync(
                s => s with { Request = stored, Status = JobStatus.Queued, CreatedAt = now, InputStoredApart = !inline },
                JobEventKind.Queued,
                "queued",
                ticket is { Admitted: true } ? JobWrite.WithCallersNext : JobWrite.Now);
            logger.LogInformation("Job {JobId} of tenant {TenantId} queued: {AnalysisType}, priority {Priority}",
                _jobId, _tenantId, request.Type, request.Priority.ToWire());
            if (ticket is { Admitted: true })
            {
                // Written before the 202: an accepted job is on disk.
                await StartRunningAsync(JobWrite.Now);
            }
        }
        catch
        {
            if (_journal.Committed.Request is null && ticket is not null)
            {
                await _neighbours.ReleaseQueueSlotAsync();
            }
            throw;
        }
        _neighbours.Notify(o => o.OnQueued(_tenantId, _journal.Snapshot()));
        // Without a ticket the queue could not be reached: the job is stored, and its watchdog enlists it.
        return new SubmitOutcome(_journal.Snapshot(), ticket is { Admitted: false } ? ticket.Position : 0, Created: true);
    }

    public async Task Start()
    {
        switch (_journal.Committed)
        {
            case { Request: null }:
                return;
            case { Status: var status } when status.IsTerminal():
                // A stale admission (cancelled while the queue admitted it): hand the slot back.
                await _neighbours.ReleaseQueueSlotAsync();
                return;
            case { Status: JobStatus.Running }:
                EnsureRunning();
                return;
            default:
                await StartRunningAsync();
                return;
        }
    }

    public async Task<JobSnapshot?> Cancel()
    {
        if (_journal.Committed.Request is null)
        {
            return null;
        }
        if (_journal.Committed.Status.IsTerminal())
        {
            return _journal.Snapshot();
        }
        var now = time.GetUtcNow();
        var committed = await _journal.CommitAsync(
            s => s.Status.IsTerminal() ? null : JobEnd.Of(s, JobStatus.Cancelled, now),
            JobEventKind.Cancelled,
            "cancelled by request");
        if (committed is not null)
        {
            logger.LogInformation("Job {JobId} of tenant {TenantId} cancelled", _jobId, _tenantId);
            _loop.Stop();
            await FinishAsync();
        }
        return _journal.Snapshot();
    }

    public Task<ApprovalOutcome?> Decide(ApprovalAnswer answer) => _approval.DecideAsync(answer);

    public Task<JobSnapshot?> GetStatus() =>
        Task.FromResult(_journal.Written.Request is null ? null : _journal.Snapshot());

    public Task<JobEventPage?> GetEvents(long afterSequence) => Task.FromResult(_journal.EventsAfter(afterSequence));

    public async Task<JobResult?> GetResult()
    {
        var written = _journal.Written;
        return written.Request is null ? null : await _reports.ReadAsync(_journal.Snapshot(written), written);
    }

    public async Task Recover()
    {
        if (_journal.Committed.Request is null)
        {
            return;
        }
        // Registered again whatever the status: a finished job drops it once its finish is settled.
        await _loop.WatchAsync();
        await ReceiveReminder(WatchdogReminder, default);
    }

    public async Task<JobInput?> GetInput() => await _kept.ReadAsync(_journal.Written);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (KeptInput.IsExpiry(reminderName))
        {
            await _kept.OnTickAsync();
            return;
        }
        if (!_loop.IsWatchdog(reminderName))
        {
            return;
        }
        switch (_journal.Committed)
        {
            case { Request: null }:
                // A submit that failed after its watchdog (and maybe a queue slot) was taken: no job, nothing to hold.
                if (await _neighbours.ReleaseQueueSlotAsync())
                {
                    await _loop.StopWatchingAsync();
                }
                break;
            case { Status: JobStatus.Queued }:
                // The queue may have lost the job (its silo died before it persisted): enlisting is idempotent.
                await EnlistAsync();
                break;
            case { Status: JobStatus.Running }:
                EnsureRunning();
                break;
            case { Status: JobStatus.AwaitingApproval, Approval: { } wait }:
                await _approval.WatchAsync(wait);
                break;
            default:
                await FinishAsync();
                break;
        }
    }

    /// <summary>Enlists in the tenant queue and starts at once when admitted; returns the queue position (0 once running).</summary>
    private async Task<int> EnlistAsync()
    {
        if (await _neighbours.TryEnqueueAsync(_journal.Committed.Request!.Priority) is not { } ticket)
        {
            return 0;
        }
        if (ticket.Admitted)
        {
            await StartRunningAsync();
            return 0;
        }
        return ticket.Position;
    }

    /// <summary>
    /// Marks the job running and starts its loop. Admitted from the queue, the start goes out with the
    /// job's next write (<see cref="JobWrite.Soon"/>): a fast job then writes once, started to completed.
    /// A crash before that write leaves it queued, and its watchdog enlists it again.
    /// </summary>
    private async Task StartRunningAsync(JobWrite write = JobWrite.Soon)
    {
        var type = _journal.Current.Request!.Type;
        if (!catalog.TryGet(type, out var analysis))
        {
            await FailAsync(new JobError("unsupported_type", $"This node cannot run analysis type '{type}'."));
            return;
        }
        var now = time.GetUtcNow();
        var firstStep = analysis.Steps.FirstOrDefault()?.Name;
        // Queued again after an approval: its start, attempts and checkpoints stand, and it goes on after the approved step.
        var approved = _journal.Current.StartedAt is not null;
        var committed = await _journal.CommitAsync(
            s => s.Status != JobStatus.Queued
                ? null
                : approved ? s with { Status = JobStatus.Running }
                : s with { Status = JobStatus.Running, StartedAt = now, Attempts = 1, CurrentStep = firstStep },
            JobEventKind.Started,
            approved ? "resumed after approval" : "started",
            write);
        if (committed is not null && approved)
        {
            logger.LogInformation("Job {JobId} of tenant {TenantId} resumed after approval", _jobId, _tenantId);
        }
        else if (committed is not null)
        {
            logger.LogInformation("Job {JobId} of tenant {TenantId} started", _jobId, _tenantId);
            _neighbours.Notify(o => o.OnStarted(_tenantId, _journal.Snapshot(_journal.Current), _journal.Current.Request!));
        }
        EnsureRunning();
    }

    private async Task ResumeAsync()
    {
        var attempts = _journal.Committed.Attempts + 1;
        if (attempts > _options.MaxAttempts)
        {
            await FailAsync(new JobError("attempts_exhausted",
                $"The job was interrupted {_journal.Committed.Attempts} times; it is not retried again."));
            return;
        }
        await _journal.CommitAsync(
            s => s.Status != JobStatus.Running ? null : s with { Attempts = attempts },
            JobEventKind.Progress,
            $"resumed from checkpoint (attempt {attempts})");
        logger.LogWarning("Job {JobId} of tenant {TenantId} resumed on a new activation, attempt {Attempt}", _jobId, _tenantId, attempts);
        EnsureRunning();
    }

    private void EnsureRunning()
    {
        if (_journal.Current.Status == JobStatus.Running)
        {
            _loop.Ensure();
        }
    }

    /// <summary>
    /// Attempts the job until it is terminal: a transient failure is retried with backoff, storage
    /// trouble pauses without spending an attempt, the job's time limit fails it.
    /// </summary>
    /// <param name="stopped">Cancelled by <see cref="Cancel"/> (already committed) or when the activation goes (the watchdog resumes it).</param>
    private async Task RunAsync(CancellationToken stopped)
    {
        // The silo's stop as well: Orleans cancels a timer's token only once its callback has returned, so a
        // step or an LLM call in flight would otherwise hold a graceful shutdown until the host gives up on it.
        var stopping = host.ApplicationStopping;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopped, stopping);
        run.CancelAfter(_attempts.Remaining());
        var retryDelay = TimeSpan.Zero;
        var storagePause = TimeSpan.Zero;
        while (_journal.Current.Status == JobStatus.Running)
        {
            try
            {
                if (retryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(retryDelay, time, run.Token);
                }
                await CompleteAsync(await _jobRun.RunAsync(run.Token));
            }
            catch (ApprovalRequiredException ex)
            {
                // Steps still running beside it (a parallel team) stop too: they run again after the decision.
                run.Cancel();
                await _approval.AwaitAsync(ex.Step);
            }
            catch (InconsistentStateException ex)
            {
                // Another writer moved the state on (a commit that failed here may have landed): only a fresh activation knows where the job is.
                logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} found its stored state changed; reactivating", _jobId, _tenantId);
                DeactivateOnIdle();
                return;
            }
            catch (OrleansException ex) when (!run.IsCancellationRequested)
            {
                (storagePause, retryDelay) = (await _attempts.PauseForStorageAsync(ex, storagePause, run.Token), TimeSpan.Zero);
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                logger.LogInformation("Job {JobId} of tenant {TenantId} paused: its silo is stopping; it resumes from its last checkpoint", _jobId, _tenantId);
                return;
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                await FailAsync(new JobError("job_timeout", $"The job did not finish within {_options.Timeout}."));
            }
            catch (Exception ex) when (JobRun.IsTransient(ex) && _journal.Current.Attempts < _options.MaxAttempts)
            {
                retryDelay = await _attempts.RetryLaterAsync(ex);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} failed", _jobId, _tenantId);
                await FailAsync(JobRun.ErrorOf(ex));
            }
        }
    }

    private async Task CompleteAsync(System.Text.Json.Nodes.JsonObject report)
    {
        var now = time.GetUtcNow();
        var (inline, stored) = await _reports.KeepAsync(report, now);
        var committed = await _journal.CommitAsync(
            s => s.Status != JobStatus.Running
                ? null
                : JobEnd.Of(s, JobStatus.Completed, now, _kept.UntilFrom(now)) with { Progress = 100, ReportJson = inline, ReportStored = stored },
            JobEventKind.Completed,
            "completed");
        if (committed is not null)
        {
            logger.LogInformation("Job {JobId} of tenant {TenantId} completed after {Attempts} attempt(s)", _jobId, _tenantId, _journal.Committed.Attempts);
            await FinishAsync();
        }
    }

    private async Task FailAsync(JobError error)
    {
        var now = time.GetUtcNow();
        var committed = await _journal.CommitAsync(
            s => s.Status.IsTerminal() ? null : JobEnd.Of(s, JobStatus.Failed, now) with { Error = error },
            JobEventKind.Failed,
            error.Message);
        if (committed is not null)
        {
            logger.LogWarning("Job {JobId} of tenant {TenantId} failed: {ErrorCode} {ErrorMessage}", _jobId, _tenantId, error.Code, error.Message);
            await FinishAsync();
        }
    }

    private Task FinishAsync() => _finish.SettleAsync();
}
