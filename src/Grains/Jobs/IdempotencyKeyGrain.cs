namespace Actors.Jobs;

/// <summary>
/// Binds an Idempotency-Key to one job. The binding is written before the job is submitted, and a
/// retry submits again (the job's own submit is idempotent), so a crash between the two loses nothing.
/// A binding lasts <see cref="JobOptions.IdempotencyRetention"/>: past it the key makes a new job, and a
/// reminder set with the binding erases the record, so keys used once do not stay in storage for good.
/// </summary>
public sealed class IdempotencyKeyGrain(
    [PersistentState("idempotency-key", StorageNames.Grains)] IPersistentState<IdempotencyKeyState> state,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<IdempotencyKeyGrain> logger) : Grain, IIdempotencyKey, IRemindable
{
    private const string ExpiryReminder = "idempotency-expiry";
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly TimeSpan _retention = options.Value.IdempotencyRetention;

    public async Task<SubmitOutcome?> Submit(string newJobId, AnalysisRequest request)
    {
        if (state.State.JobId is null || IsExpired())
        {
            // The expiry first: a binding written without it could stay in storage for good.
            await this.RegisterOrUpdateReminder(ExpiryReminder, Later(_retention), Later(_retention));
            state.State = new IdempotencyKeyState { JobId = newJobId, Fingerprint = request.Fingerprint, CreatedAt = time.GetUtcNow() };
            await state.WriteStateAsync();
        }
        else if (state.State.Fingerprint != request.Fingerprint)
        {
            return null;
        }

        var (tenantId, _) = JobKey.Parse(this.GetPrimaryKeyString());
        return await GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(tenantId, state.State.JobId)).Submit(request);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder)
        {
            return;
        }
        if (state.State.JobId is not null && !IsExpired())
        {
            // Rebound since (or the tick came early): the reminder was moved with the binding.
            return;
        }
        if (state.State.JobId is not null)
        {
            await state.ClearStateAsync();
            state.State = new IdempotencyKeyState();
            logger.LogDebug("Idempotency key {IdempotencyKey} expired and was erased", this.GetPrimaryKeyString());
        }
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        DeactivateOnIdle();
    }

    private bool IsExpired() => time.GetUtcNow() - state.State.CreatedAt >= _retention;

    private static TimeSpan Later(TimeSpan retention) => retention < MinimumReminderPeriod ? MinimumReminderPeriod : retention;
}
