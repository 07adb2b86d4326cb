using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Analyses;
using Actors.Analytics;
using Actors.Llm;
using Actors.Reports;
using Actors.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Core;
using Orleans.Storage;
using Orleans.Streams;

namespace Actors.Jobs;

/// <summary>
/// One analysis job. Every state change is written before it is published, so the persisted state
/// (with its replay buffer) is the record listeners catch up from. The work runs in an interleaving
/// grain timer, never inside a grain call, so status reads and cancel answer while a step computes.
/// A reminder (the watchdog) lives while the job is not terminal and brings it back after its silo dies.
/// </summary>
public sealed class AnalysisJobGrain(
    IGrainContext grainContext,
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
    private static readonly TimeSpan StoragePauseFirst = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StoragePauseLongest = TimeSpan.FromSeconds(30);

    private readonly IResultStore? _results = resultStores.LastOrDefault();

    /// <summary>The checkpoint of the LLM narrative, beside the team's steps, so a resumed job does not pay for it twice.</summary>
    private const string NarrativeCheckpoint = "_narrative";

    // The report is served as application/json, never inlined in HTML: keep quotes and accents readable.
    private static readonly System.Text.Json.JsonSerializerOptions ReportJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Read by the first call that needs it, not at activation (see Invoke): a job submitted under an id
    // the API has just made has no row to read, and its first write (an insert) says so if it had.
    private readonly StateStorageBridge<AnalysisJobState> state = new(StateName, grainContext,
        grainContext.ActivationServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains));
    private Task? _loaded;

    private readonly JobOptions _options = options.Value;
    private readonly IJobObserver[] _observers = observers.ToArray();

    // Writes come from grain calls and from the interleaving run loop: one at a time, in sequence order.
    private readonly SemaphoreSlim _commitGate = new(1, 1);

    private string _tenantId = "";
    private string _jobId = "";
    private IAsyncStream<JobEvent>? _stream;
    private IAsyncStream<JobEvent>? _tenantStream;
    private IGrainTimer? _runTimer;
    private CancellationTokenSource? _runCancellation;
    private AnalysisInput? _input;
    private IGrainReminder? _watchdog;

    // A start from the queue, and step checkpoints that come within CheckpointInterval of the last
    // write, are staged and go out with the next write (or the flush timer): a job of fast steps
    // writes once from started to completed. Readers see only what is written; a crash loses at most
    // what was staged, which is redone (a lost start leaves the job queued for its watchdog).
    private AnalysisJobState? _staged;
    private readonly List<JobEvent> _stagedEvents = [];
    private long _lastWrite;
    private IGrainTimer? _stagedFlush;

    /// <summary>The job as the run loop knows it: written state plus any staged checkpoints.</summary>
    private AnalysisJobState Current => _staged ?? state.State;

    // The storage bridge writes state.State, so it holds the new state while its write is in flight;
    // until the write succeeds, readers are answered from what was written before it.
    private AnalysisJobState? _writtenBeforeWrite;

    /// <summary>The job as storage holds it: what readers see.</summary>
    private AnalysisJobState Written => _writtenBeforeWrite ?? state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _jobId) = JobKey.Parse(this.GetPrimaryKeyString());
        _stream = this.GetStreamProvider(JobStreams.ProviderName).GetStream<JobEvent>(JobStreams.ForJob(_tenantId, _jobId));
        _tenantStream = this.GetStreamProvider(JobStreams.ProviderName).GetStream<JobEvent>(JobStreams.ForTenant(_tenantId));
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Every call but <see cref="SubmitNew"/> finds the job read first, once per activation.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.ImplementationMethod.Name != nameof(SubmitNew))
        {
            await LoadAsync();
        }
        await context.Invoke();
    }

    private async Task LoadAsync()
    {
        _loaded ??= ReadAsync();
        try
        {
            await _loaded;
        }
        catch
        {
            // Storage was down: the next call reads again.
            _loaded = null;
            throw;
        }
    }

    private async Task ReadAsync()
    {
        await state.ReadStateAsync();
        if (state.State is { Request: not null, Status: JobStatus.Running })
        {
            // The activation that ran this job is gone (its silo died or it was collected): resume from the checkpoints.
            await ResumeAsync();
        }
    }

    /// <summary>A graceful stop keeps what is staged, so the job resumes after its last step instead of redoing it.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_staged is not null)
        {
            await FlushStagedAsync(cancellationToken);
        }
    }

    public async Task<SubmitOutcome> SubmitNew(AnalysisRequest request)
    {
        if (_loaded is not null)
        {
            await LoadAsync();
            return await Submit(request);
        }
        _loaded = Task.CompletedTask;
        state.State = new AnalysisJobState();
        try
        {
            return await Submit(request);
        }
        catch (InconsistentStateException ex) when (state.State.Request is null)
        {
            // The id was in use after all: the insert found its row. Answer as a retry of that job.
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} was submitted as new but exists; reading it", _jobId, _tenantId);
            _loaded = null;
            await LoadAsync();
            return await Submit(request);
        }
    }

    public async Task<SubmitOutcome> Submit(AnalysisRequest request)
    {
        if (state.State.Request is not null)
        {
            var position = 0;
            if (state.State.Status == JobStatus.Queued)
            {
                position = await EnlistAsync();
            }
            return new SubmitOutcome(Snapshot(), position, Created: false);
        }

        // The watchdog first: if the write below fails, a watchdog that finds no job removes itself,
        // while a persisted job without a watchdog could be stranded.
        await RegisterWatchdogAsync();
        // Small data rides in the job's own state (one write instead of a write and a delete);
        // large data is stored once apart, so the job's frequent writes stay small.
        var inline = (request.RecordsJson?.Length ?? 0) + (request.Csv?.Length ?? 0) <= _options.InlineInputLimit;
        if (!inline)
        {
            await Input.Save(request.RecordsJson, request.Csv);
        }
        var now = time.GetUtcNow();
        var stored = inline ? request : WithoutData(request);
        // Enlist before the first write: a job admitted at once is written queued and started in one
        // write. A slot taken for a job whose write then fails is handed back, here or by the watchdog.
        var ticket = await TryEnqueueAsync(request.Priority);
        try
        {
            await CommitAsync(
                s => s with { Request = stored, Status = JobStatus.Queued, CreatedAt = now, InputStoredApart = !inline },
                JobEventKind.Queued,
                "queued",
                ticket is { Admitted: true } ? Write.WithCallersNext : Write.Now);
            logger.LogInformation("Job {JobId} of tenant {TenantId} queued: {AnalysisType}, priority {Priority}",
                _jobId, _tenantId, request.Type, request.Priority.ToWire());
            if (ticket is { Admitted: true })
            {
                // Written before the 202: an accepted job is on disk.
                await StartRunningAsync(Write.Now);
            }
        }
        catch
        {
            if (state.State.Request is null && ticket is not null)
            {
                await ReleaseQueueSlotAsync();
            }
            throw;
        }
        Notify(o => o.OnQueued(_tenantId, Snapshot()));
        if (ticket is null)
        {
            // The queue could not be reached: the job is stored, and its watchdog enlists it.
            return new SubmitOutcome(Snapshot(), 0, Created: true);
        }
        return new SubmitOutcome(Snapshot(), ticket.Admitted ? 0 : ticket.Position, Created: true);
    }

    public async Task Start()
    {
        switch (state.State)
        {
            case { Request: null }:
                return;
            case { Status: var status } when status.IsTerminal():
                // A stale admission (cancelled while the queue admitted it): hand the slot back.
                await ReleaseQueueSlotAsync();
                return;
            case { Status: JobStatus.Running }:
                EnsureRunLoop();
                return;
            default:
                await StartRunningAsync();
                return;
        }
    }

    public async Task<JobSnapshot?> Cancel()
    {
        if (state.State.Request is null)
        {
            return null;
        }
        if (state.State.Status.IsTerminal())
        {
            return Snapshot();
        }

        var now = time.GetUtcNow();
        var committed = await CommitAsync(
            s => s.Status.IsTerminal() ? null : s with { Request = WithoutData(s.Request), Status = JobStatus.Cancelled, CompletedAt = now, Checkpoints = s.Checkpoints.Clear() },
            JobEventKind.Cancelled,
            "cancelled by request");
        if (committed is not null)
        {
            logger.LogInformation("Job {JobId} of tenant {TenantId} cancelled", _jobId, _tenantId);
            _runCancellation?.Cancel();
            await FinishAsync();
        }
        return Snapshot();
    }

    public Task<JobSnapshot?> GetStatus() =>
        Task.FromResult(Written.Request is null ? null : Snapshot());

    public Task<JobEventPage?> GetEvents(long afterSequence)
    {
        var written = Written;
        if (written.Request is null)
        {
            return Task.FromResult<JobEventPage?>(null);
        }
        var buffered = written.Events;
        var events = buffered.Where(e => e.Sequence > afterSequence).ToList();
        var oldest = buffered.Count > 0 ? buffered[0].Sequence : written.LastSequence + 1;
        var truncated = afterSequence + 1 < oldest;
        return Task.FromResult<JobEventPage?>(new JobEventPage(events, written.Status, written.LastSequence, truncated));
    }

    public async Task<JobResult?> GetResult()
    {
        var written = Written;
        if (written.Request is null)
        {
            return null;
        }
        if (!written.ReportStored || _results is null)
        {
            return new JobResult(Snapshot(written), written.ReportJson);
        }
        string? report;
        try
        {
            report = await _results.LoadAsync(_tenantId, _jobId);
        }
        catch (Exception ex) when (ex is not OrleansException)
        {
            // The API answers a storage failure with 503; the store's own exception type need not cross the wire.
            throw new OrleansException($"The result store could not be read for job {_jobId}.", ex);
        }
        return new JobResult(Snapshot(written), report, Expired: report is null);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder)
        {
            return;
        }
        switch (state.State)
        {
            case { Request: null }:
                // A submit that failed after its watchdog (and maybe a queue slot) was taken: no job, nothing to hold.
                if (await ReleaseQueueSlotAsync())
                {
                    await UnregisterWatchdogAsync();
                }
                break;
            case { Status: JobStatus.Queued }:
                // The queue may have lost the job (its silo died before it persisted): enlisting is idempotent.
                await EnlistAsync();
                break;
            case { Status: JobStatus.Running }:
                EnsureRunLoop();
                break;
            default:
                await FinishAsync();
                break;
        }
    }

    /// <summary>The queue's ticket, or null when the queue could not be reached (the watchdog enlists the job later).</summary>
    private async Task<QueueTicket?> TryEnqueueAsync(JobPriority priority)
    {
        try
        {
            return await TenantQueue.Enqueue(_jobId, priority);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not enlist in its queue; the watchdog retries", _jobId, _tenantId);
            return null;
        }
    }

    /// <summary>Enlists in the tenant queue and starts at once when admitted; returns the queue position (0 once running).</summary>
    private async Task<int> EnlistAsync()
    {
        if (await TryEnqueueAsync(state.State.Request!.Priority) is not { } ticket)
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
    /// job's next write (<see cref="Write.Soon"/>): a fast job then writes once, started to completed.
    /// A crash before that write leaves it queued, and its watchdog enlists it again.
    /// </summary>
    private async Task StartRunningAsync(Write write = Write.Soon)
    {
        var type = Current.Request!.Type;
        if (!catalog.TryGet(type, out var analysis))
        {
            await FailAsync(new JobError("unsupported_type", $"This node cannot run analysis type '{type}'."));
            return;
        }
        var now = time.GetUtcNow();
        var firstStep = analysis.Steps.FirstOrDefault()?.Name;
        var committed = await CommitAsync(
            s => s.Status != JobStatus.Queued
                ? null
                : s with { Status = JobStatus.Running, StartedAt = now, Attempts = 1, CurrentStep = firstStep },
            JobEventKind.Started,
            "started",
            write);
        if (committed is not null)
        {
            logger.LogInformation("Job {JobId} of tenant {TenantId} started", _jobId, _tenantId);
            Notify(o => o.OnStarted(_tenantId, Snapshot(Current)));
        }
        EnsureRunLoop();
    }

    private async Task ResumeAsync()
    {
        var attempts = state.State.Attempts + 1;
        if (attempts > _options.MaxAttempts)
        {
            await FailAsync(new JobError("attempts_exhausted",
                $"The job was interrupted {state.State.Attempts} times; it is not retried again."));
            return;
        }
        await CommitAsync(
            s => s.Status != JobStatus.Running ? null : s with { Attempts = attempts },
            JobEventKind.Progress,
            $"resumed from checkpoint (attempt {attempts})");
        logger.LogWarning("Job {JobId} of tenant {TenantId} resumed on a new activation, attempt {Attempt}", _jobId, _tenantId, attempts);
        EnsureRunLoop();
    }

    private void EnsureRunLoop()
    {
        if (_runTimer is not null || Current.Status != JobStatus.Running)
        {
            return;
        }
        _runCancellation = new CancellationTokenSource();
        // Interleave: the loop awaits long computations, during which status, events and cancel must get through.
        // KeepAlive: a running job is not collected as idle.
        _runTimer = this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task RunAsync(CancellationToken deactivating)
    {
        var cancelled = _runCancellation!;
        // The silo's stop as well: Orleans cancels a timer's token only once its callback has returned, so a
        // step or an LLM call in flight would otherwise hold a graceful shutdown until the host gives up on it.
        var stopping = host.ApplicationStopping;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancelled.Token, deactivating, stopping);
        var elapsed = time.GetUtcNow() - (Current.StartedAt ?? time.GetUtcNow());
        var remaining = _options.Timeout - elapsed;
        run.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);

        var retryDelay = TimeSpan.Zero;
        var storagePause = TimeSpan.Zero;
        try
        {
            while (Current.Status == JobStatus.Running)
            {
                try
                {
                    if (retryDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(retryDelay, time, run.Token);
                    }
                    var report = await RunStepsAsync(run.Token);
                    await CompleteAsync(report);
                }
                catch (InconsistentStateException ex)
                {
                    // Another writer moved the state on (a commit that failed here may have landed): only a fresh activation knows where the job is.
                    logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} found its stored state changed; reactivating", _jobId, _tenantId);
                    this.DeactivateOnIdle();
                    return;
                }
                catch (OrleansException ex) when (!run.IsCancellationRequested)
                {
                    // Storage is down: not the job's fault, so no attempt is spent. The steps are checkpointed,
                    // so the loop waits (1 s doubling to 30 s) and carries on from the last committed one.
                    storagePause = storagePause == TimeSpan.Zero ? StoragePauseFirst : TimeSpan.FromTicks(Math.Min(storagePause.Ticks * 2, StoragePauseLongest.Ticks));
                    retryDelay = TimeSpan.Zero;
                    logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not save its state; retrying in {StoragePause}", _jobId, _tenantId, storagePause);
                    await Task.Delay(storagePause, time, run.Token);
                }
                catch (OperationCanceledException) when (cancelled.IsCancellationRequested || deactivating.IsCancellationRequested)
                {
                    // Cancelled (already committed by Cancel) or the activation is going away (the watchdog resumes it).
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
                catch (Exception ex) when (IsTransient(ex) && Current.Attempts < _options.MaxAttempts)
                {
                    retryDelay = _options.RetryBaseDelay * Math.Pow(2, Current.Attempts - 1);
                    var next = Current.Attempts + 1;
                    logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} attempt {Attempt} failed transiently; retrying in {RetryDelay}",
                        _jobId, _tenantId, Current.Attempts, retryDelay);
                    await CommitAsync(
                        s => s.Status != JobStatus.Running ? null : s with { Attempts = next },
                        JobEventKind.Progress,
                        $"attempt {next - 1} failed ({ex.Message}); attempt {next} in {retryDelay.TotalSeconds:0.###} s");
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} failed", _jobId, _tenantId);
                    await FailAsync(ToJobError(ex));
                }
            }
        }
        catch (Exception ex)
        {
            // A commit failed (storage down): the persisted state still says running and the watchdog resumes it.
            logger.LogError(ex, "Job {JobId} of tenant {TenantId} stopped without a final state; the watchdog resumes it", _jobId, _tenantId);
        }
        finally
        {
            _runTimer?.Dispose();
            _runTimer = null;
            _runCancellation = null;
        }
    }

    private async Task<JsonObject> RunStepsAsync(CancellationToken cancellationToken)
    {
        var request = state.State.Request!;
        if (!catalog.TryGet(request.Type, out var analysis))
        {
            throw new DataFormatException($"This node cannot run analysis type '{request.Type}'.");
        }
        // Parsing is deterministic and cheap next to a step, so it is redone on resume rather than stored.
        var (recordsJson, csv) = (request.RecordsJson, request.Csv);
        if (_input is null && Current.InputStoredApart)
        {
            (recordsJson, csv) = await Input.Get();
        }
        _input ??= await Task.Run(() => AnalysisCatalog.ReadInput(request.Type, recordsJson, csv, request.Question, request.Options), cancellationToken)
            .WaitAsync(cancellationToken);

        var team = request.TeamJson is { } json ? TeamTemplate.Parse(json) : TeamLibrary.For(request.Type) ?? TeamTemplate.InSequence(analysis);
        var run = new TeamRun(team, analysis, _input);
        var total = run.Plan.Count;
        var (report, records) = await run.RunAsync(Current.Checkpoints, async done =>
        {
            var tool = done.Record.Tool;
            var checkpoint = done.CheckpointJson;
            var next = run.Plan.FirstOrDefault(s => !Current.Checkpoints.ContainsKey(s.Tool) && s.Tool != tool)?.Tool ?? tool;
            var message = done.Record switch
            {
                { Skipped: true } => $"skipped {tool}: its condition did not hold",
                { ReviewRounds: > 0 } r => $"finished {tool} after {r.ReviewRounds} review round(s)",
                _ => $"finished {tool}",
            };
            await CommitAsync(
                s => s.Status != JobStatus.Running
                    ? null
                    : s with
                    {
                        Checkpoints = s.Checkpoints.SetItem(tool, checkpoint),
                        Progress = (int)Math.Round(95.0 * (s.Checkpoints.Count + 1) / total),
                        CurrentStep = next,
                    },
                JobEventKind.Step,
                message,
                Write.Checkpoint);
            ReportAgentRuns(done.Record);
            cancellationToken.ThrowIfCancellationRequested();
        }, cancellationToken);
        var narrative = await NarrateAsync(request, run, report, cancellationToken);
        return ReportAssembler.Assemble(new ReportAssembler.Parts(_jobId, request.Type, team, report, records, narrative, Current.Attempts));
    }

    /// <summary>
    /// Asks the tenant's LLM chain for the summary (the statistical one stays when no provider answers
    /// with grounded numbers) and checkpoints the outcome. Awaited in the interleaving run loop: no
    /// grain call is held open across the LLM request, and status and cancel get through meanwhile.
    /// </summary>
    private async Task<JsonObject> NarrateAsync(AnalysisRequest request, TeamRun run, JsonObject report, CancellationToken cancellationToken)
    {
        if (Current.Checkpoints.TryGetValue(NarrativeCheckpoint, out var saved))
        {
            return JsonNode.Parse(saved)!.AsObject();
        }
        var final = run.Plan[^1];
        var agentName = final.Runners.FirstOrDefault() ?? BuiltInAgentNames.ReportWriter;
        AgentDefinition? agent = null;
        try
        {
            agent = (await GrainFactory.GetGrain<IAgent>(JobKey.For(_tenantId, agentName)).Get())?.Definition;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not read agent {Agent}; the narrative uses default instructions", _jobId, _tenantId, agentName);
        }
        var outcome = await narrator.WriteAsync(new NarrativeRequest(_tenantId, _jobId, request.Type, request.Question, agentName, agent, final.Tool,
            report, Enabled: !IsOff(request, "llm"), UseCache: !IsOff(request, "llm_cache")), cancellationToken);
        var json = outcome.ToJson();
        json["agent"] = agentName;
        if (outcome.Tiers.Count == 0 && outcome.Calls.Count == 0)
        {
            // Nothing was asked of a provider (none configured, disabled, budget spent): nothing worth a checkpoint or an event.
            return json;
        }
        var message = outcome.Summary is not null
            ? $"narrative by {outcome.Engine} ({outcome.Grounding})"
            : $"narrative by the statistical engine ({outcome.Reason})";
        await CommitAsync(
            s => s.Status != JobStatus.Running ? null : s with { Checkpoints = s.Checkpoints.SetItem(NarrativeCheckpoint, json.ToJsonString()) },
            JobEventKind.Step,
            message);
        if (outcome.Calls.Count > 0)
        {
            _ = GrainFactory.GetGrain<IAgent>(JobKey.For(_tenantId, agentName))
                .RecordRun(new AgentRun(outcome.Summary is not null, 0, outcome.InputTokens, outcome.OutputTokens, outcome.CostUsd));
        }
        cancellationToken.ThrowIfCancellationRequested();
        return json;
    }

    private static bool IsOff(AnalysisRequest request, string option) =>
        request.Options.TryGetValue(option, out var value) && value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>One-way usage reports: agents count runs without being on the job's path.</summary>
    private void ReportAgentRuns(TeamStepRecord record)
    {
        if (record.Skipped)
        {
            return;
        }
        var share = record.LatencyMs / Math.Max(1, record.Agents.Count);
        foreach (var agent in record.Agents.Append(record.Reviewer).OfType<string>().Distinct())
        {
            _ = GrainFactory.GetGrain<IAgent>(JobKey.For(_tenantId, agent)).RecordRun(new AgentRun(true, share, 0, 0, 0m));
        }
    }

    private async Task CompleteAsync(JsonObject report)
    {
        var now = time.GetUtcNow();
        var json = report.ToJsonString(ReportJson);
        // A large report goes to the result store first and the state records only that it is there:
        // a crash between the two leaves an orphan row the retention sweep removes, never a lost report.
        var byReference = _results is not null && json.Length > _options.InlineResultLimitBytes;
        if (byReference)
        {
            try
            {
                await _results!.SaveAsync(_tenantId, _jobId, json, now);
            }
            catch (Exception ex) when (ex is not OrleansException)
            {
                // Storage trouble, not the job's: the run loop pauses and retries on OrleansException.
                throw new OrleansException($"The result store could not save job {_jobId}'s report.", ex);
            }
        }
        var committed = await CommitAsync(
            s => s.Status != JobStatus.Running
                ? null
                : s with
                {
                    Request = WithoutData(s.Request),
                    Status = JobStatus.Completed,
                    Progress = 100,
                    CompletedAt = now,
                    ReportJson = byReference ? null : json,
                    ReportStored = byReference,
                    Checkpoints = s.Checkpoints.Clear(),
                },
            JobEventKind.Completed,
            "completed");
        if (committed is not null)
        {
            logger.LogInformation("Job {JobId} of tenant {TenantId} completed after {Attempts} attempt(s)", _jobId, _tenantId, state.State.Attempts);
            await FinishAsync();
        }
    }

    private async Task FailAsync(JobError error)
    {
        var now = time.GetUtcNow();
        var committed = await CommitAsync(
            s => s.Status.IsTerminal() ? null : s with { Request = WithoutData(s.Request), Status = JobStatus.Failed, CompletedAt = now, Error = error, Checkpoints = s.Checkpoints.Clear() },
            JobEventKind.Failed,
            error.Message);
        if (committed is not null)
        {
            logger.LogWarning("Job {JobId} of tenant {TenantId} failed: {ErrorCode} {ErrorMessage}", _jobId, _tenantId, error.Code, error.Message);
            await FinishAsync();
        }
    }

    /// <summary>
    /// After a terminal state: record a completion in the ledger, tell the tenant's job list (which
    /// answers once the row is saved), give back the queue slot, then drop the watchdog. The terminal
    /// state and the watchdog are the job list's outbox. Until every step has succeeded the watchdog stays, and its next tick (on whichever
    /// silo holds the job after a crash) runs this again, so each step must be safe to repeat.
    /// </summary>
    private async Task FinishAsync()
    {
        _runCancellation?.Cancel();
        var request = state.State.Request!;
        Notify(o => o.OnFinished(_tenantId, Snapshot(), request));
        _input = null;
        await DropDataAsync();
        // Together: the tenant's next job need not wait for the ledger's commit or the list's.
        var recording = RecordCompletionAsync();
        var listing = RecordInJobListAsync();
        var released = await ReleaseQueueSlotAsync();
        if (await recording && await listing && released)
        {
            await UnregisterWatchdogAsync();
        }
    }

    /// <summary>The ledger keys a completion by its persisted time, so recording the same completion again is a no-op.</summary>
    private async Task<bool> RecordCompletionAsync()
    {
        if (state.State is not { Status: JobStatus.Completed, CompletedAt: { } completedAt })
        {
            return true;
        }
        try
        {
            await ledger.RecordAsync(_tenantId, _jobId, completedAt);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not record its completion in the ledger; the watchdog retries", _jobId, _tenantId);
            return false;
        }
    }

    /// <summary>The submitted data is not needed once the job has ended; keeping it would grow storage without bound.</summary>
    private async Task DropDataAsync()
    {
        if (!state.State.InputStoredApart)
        {
            return;
        }
        try
        {
            await Input.Clear();
        }
        catch (Exception ex)
        {
            // Retried by the watchdog's next tick on this terminal job.
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not drop its data", _jobId, _tenantId);
        }
    }

    private async Task<bool> ReleaseQueueSlotAsync()
    {
        try
        {
            await TenantQueue.Release(_jobId);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not release its queue slot; the watchdog retries", _jobId, _tenantId);
            return false;
        }
    }

    /// <summary>When a commit's change is written: see <see cref="CommitAsync"/>.</summary>
    private enum Write
    {
        /// <summary>At once.</summary>
        Now,

        /// <summary>By the caller's next commit, which follows at once.</summary>
        WithCallersNext,

        /// <summary>A step checkpoint: staged when made within the checkpoint interval of the last write, or behind another staged change.</summary>
        Checkpoint,

        /// <summary>Staged: with the next write, or by the flush timer within the checkpoint interval.</summary>
        Soon,
    }

    /// <summary>
    /// Applies <paramref name="change"/> (null means "nothing to do") and appends the event to the
    /// replay buffer, then writes and publishes, or stages the change as <paramref name="write"/> allows:
    /// a staged change goes out, in order, with the next write, or within
    /// <see cref="JobOptions.CheckpointInterval"/> on the flush timer. Returns the event, or null when nothing changed.
    /// </summary>
    private async Task<JobEvent?> CommitAsync(Func<AnalysisJobState, AnalysisJobState?> change, JobEventKind kind, string? message,
        Write write = Write.Now)
    {
        await _commitGate.WaitAsync();
        try
        {
            var before = Current;
            var next = change(before);
            if (next is null)
            {
                return null;
            }
            var sequence = before.LastSequence + 1;
            var jobEvent = new JobEvent(_jobId, sequence, kind, next.Status, next.Progress, next.CurrentStep, time.GetUtcNow(), message, next.Error);
            var events = next.Events.Add(jobEvent);
            if (events.Count > _options.ReplayBufferSize)
            {
                events = events.RemoveRange(0, events.Count - _options.ReplayBufferSize);
            }
            next = next with { LastSequence = sequence, Events = events };
            _stagedEvents.Add(jobEvent);
            if (write == Write.WithCallersNext)
            {
                _staged = next;
                return jobEvent;
            }
            var stage = write switch
            {
                Write.Soon => true,
                Write.Checkpoint => _staged is not null || time.GetElapsedTime(_lastWrite) < _options.CheckpointInterval,
                _ => false,
            };
            if (stage)
            {
                _staged = next;
                _stagedFlush ??= this.RegisterGrainTimer(FlushStagedAsync,
                    new GrainTimerCreationOptions(_options.CheckpointInterval, Timeout.InfiniteTimeSpan) { Interleave = true });
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

    /// <summary>Writes <paramref name="next"/>, then publishes every staged event in order. Called under the commit gate.</summary>
    private async Task WriteAsync(AnalysisJobState next)
    {
        var written = state.State;
        _writtenBeforeWrite = written;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // What was staged is dropped with the failed write: the job carries on from what storage holds.
            state.State = written;
            _staged = null;
            _stagedEvents.Clear();
            throw;
        }
        finally
        {
            _writtenBeforeWrite = null;
        }
        _staged = null;
        _lastWrite = time.GetTimestamp();
        var published = _stagedEvents.ToArray();
        _stagedEvents.Clear();
        await PublishAsync(published);
        if ((written.Status != next.Status || written.Request is null) && !next.Status.IsTerminal())
        {
            // Not awaited: the list batches these, and the job's writes must not wait on that; a terminal
            // snapshot is awaited by FinishAsync instead. The list keeps the newest snapshot by sequence.
            _ = RecordInJobListAsync();
        }
    }

    /// <summary>Writes staged checkpoints that no later commit has taken along, so a slow next step does not hold back the progress before it.</summary>
    private async Task FlushStagedAsync(CancellationToken _)
    {
        await _commitGate.WaitAsync(CancellationToken.None);
        try
        {
            if (_staged is { } staged)
            {
                await WriteAsync(staged);
            }
        }
        catch (Exception ex)
        {
            // The run loop's next commit writes again, or finds storage down and pauses.
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not write its staged checkpoints", _jobId, _tenantId);
        }
        finally
        {
            _commitGate.Release();
            // One-shot; the next staged checkpoint registers another. Disposed only now: disposing cancels this very callback.
            var timer = _stagedFlush;
            _stagedFlush = null;
            timer?.Dispose();
        }
    }

    private static AnalysisRequest? WithoutData(AnalysisRequest? request) =>
        request is null || (request.RecordsJson is null && request.Csv is null) ? request : request with { RecordsJson = null, Csv = null };

    /// <summary>Publishes what one write made durable: several events go as one batch per stream, one message instead of one each.</summary>
    private async Task PublishAsync(JobEvent[] events)
    {
        try
        {
            if (events.Length == 1)
            {
                await Task.WhenAll(_stream!.OnNextAsync(events[0]), _tenantStream!.OnNextAsync(events[0]));
            }
            else
            {
                await Task.WhenAll(_stream!.OnNextBatchAsync(events), _tenantStream!.OnNextBatchAsync(events));
            }
        }
        catch (Exception ex)
        {
            // Streams are best effort: listeners catch up from the persisted replay buffer.
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not publish events {FirstSequence} to {LastSequence}",
                _jobId, _tenantId, events[0].Sequence, events[^1].Sequence);
        }
    }

    private async Task<bool> RecordInJobListAsync()
    {
        try
        {
            await GrainFactory.GetGrain<ITenantJobList>(_tenantId).Record(Snapshot());
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not update the tenant's job list; a terminal state is retried by the watchdog", _jobId, _tenantId);
            return false;
        }
    }

    private async Task RegisterWatchdogAsync() =>
        _watchdog = await this.RegisterOrUpdateReminder(WatchdogReminder, _options.WatchdogPeriod, _options.WatchdogPeriod);

    private async Task UnregisterWatchdogAsync()
    {
        try
        {
            // The handle from registering saves a lookup; a stale one (the reminder was registered
            // again elsewhere since) is refused, and the lookup finds the current one.
            if (_watchdog is { } known)
            {
                _watchdog = null;
                try
                {
                    await this.UnregisterReminder(known);
                    return;
                }
                catch (Exception ex) when (ex is not OrleansException || ex is ReminderException)
                {
                    logger.LogDebug(ex, "Job {JobId} of tenant {TenantId} looks its watchdog up again", _jobId, _tenantId);
                }
            }
            var reminder = await this.GetReminder(WatchdogReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            // Harmless: the next tick finds a terminal job and tries again.
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not drop its watchdog", _jobId, _tenantId);
        }
    }

    private void Notify(Action<IJobObserver> notify)
    {
        foreach (var observer in _observers)
        {
            try
            {
                notify(observer);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Observer {Observer} failed on job {JobId} of tenant {TenantId}", observer.GetType().Name, _jobId, _tenantId);
            }
        }
    }

    private ITenantQueue TenantQueue => GrainFactory.GetGrain<ITenantQueue>(_tenantId);

    private IAnalysisJobInput Input => GrainFactory.GetGrain<IAnalysisJobInput>(this.GetPrimaryKeyString());

    /// <summary>The job as written, or as <paramref name="known"/> says.</summary>
    private JobSnapshot Snapshot(AnalysisJobState? known = null)
    {
        var s = known ?? Written;
        return new JobSnapshot(_jobId, s.Request?.Type ?? "", s.Status, s.Request?.Priority ?? JobPriority.Normal, s.Progress,
            s.CurrentStep, s.Attempts, s.CreatedAt, s.StartedAt, s.CompletedAt, s.Error, s.LastSequence);
    }

    private static bool IsTransient(Exception ex) =>
        ex is TransientAnalysisException or TimeoutException or HttpRequestException;

    private static JobError ToJobError(Exception ex) => ex switch
    {
        DataFormatException => new JobError("invalid_data", ex.Message),
        TeamDefinitionException => new JobError("invalid_team", ex.Message),
        TransientAnalysisException => new JobError("attempts_exhausted", $"Failed after retries: {ex.Message}"),
        _ => new JobError("analysis_failed", "The analysis failed unexpectedly; the error is logged with the job id."),
    };
}
