namespace Actors.Jobs;

/// <summary>
/// A completed job's submitted data, kept for the questions asked about it (a conversation's agent
/// works over the table the job analysed) for <see cref="JobOptions.InputRetention"/>: until when, the
/// reminder that erases it then (the job's state and its <see cref="IAnalysisJobInput"/>), and reading
/// it. A job that failed or was cancelled keeps nothing.
/// </summary>
public sealed class KeptInput(IGrainBase grain, JobJournal journal, JobNeighbours neighbours, TimeSpan retention, TimeProvider time,
    string tenantId, string jobId, ILogger logger)
{
    public const string ExpiryReminder = "input-expiry";

    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    // Orleans refuses a reminder due later than about 49 days: a longer retention is reached in steps.
    private static readonly TimeSpan LongestReminderStep = TimeSpan.FromDays(14);

    /// <summary>Until when a job completed at <paramref name="completedAt"/> keeps its data; null: it is dropped at once.</summary>
    public DateTimeOffset? UntilFrom(DateTimeOffset completedAt) => retention > TimeSpan.Zero ? completedAt + retention : null;

    public static bool IsExpiry(string reminderName) => reminderName == ExpiryReminder;

    /// <summary>The request without its data (what a job that keeps none holds).</summary>
    public static AnalysisRequest? WithoutData(AnalysisRequest? request) =>
        request is null || (request.RecordsJson is null && request.Csv is null) ? request : request with { RecordsJson = null, Csv = null };

    /// <summary>
    /// A terminal job's data: dropped at once when it keeps none, else the reminder that erases it later is
    /// set; false when the reminder could not be (the job's watchdog calls again).
    /// </summary>
    public async Task<bool> SettleAsync(AnalysisJobState job)
    {
        if (job.InputKeptUntil is null)
        {
            await neighbours.DropDataAsync(job);
        }
        return await ScheduleAsync(job);
    }

    /// <summary>Sets the reminder that erases the kept data; false when it could not (the job's watchdog calls again).</summary>
    private async Task<bool> ScheduleAsync(AnalysisJobState job)
    {
        if (job.InputKeptUntil is not { } until)
        {
            return true;
        }
        try
        {
            await ScheduleAsync(until);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} of tenant {TenantId} could not set the reminder that erases its kept data", jobId, tenantId);
            return false;
        }
    }

    /// <summary>The data as questions read it: present for a completed job within its retention, else none.</summary>
    public async Task<JobInput?> ReadAsync(AnalysisJobState written)
    {
        if (written.Request is not { } request)
        {
            return null;
        }
        if (written.Status != JobStatus.Completed || written.InputKeptUntil is not { } until || time.GetUtcNow() >= until)
        {
            return new JobInput(request.Type, null, null, request.Question, request.Options, null);
        }
        var (recordsJson, csv) = written.InputStoredApart ? await neighbours.Input.Get() : (request.RecordsJson, request.Csv);
        return new JobInput(request.Type, recordsJson, csv, request.Question, request.Options, until);
    }

    /// <summary>
    /// The reminder's tick: before the retention ends it is set for the next step; past it the data is
    /// erased (the stored-apart data first, so a failed state write is retried by the next tick) and the
    /// reminder dropped. Ticks may come twice: each step is safe to repeat.
    /// </summary>
    public async Task OnTickAsync()
    {
        var job = journal.Committed;
        if (job.InputKeptUntil is { } until && time.GetUtcNow() < until)
        {
            await ScheduleAsync(until);
            return;
        }
        if (job.InputKeptUntil is not null)
        {
            if (job.InputStoredApart)
            {
                await neighbours.Input.Clear();
            }
            await journal.AmendAsync(s => s.InputKeptUntil is null ? null : s with { Request = WithoutData(s.Request), InputKeptUntil = null });
            logger.LogInformation("Job {JobId} of tenant {TenantId} erased its kept data after its retention of {Retention}", jobId, tenantId, retention);
        }
        if (await grain.GetReminder(ExpiryReminder) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    private Task ScheduleAsync(DateTimeOffset until)
    {
        var left = until - time.GetUtcNow();
        var step = left < MinimumReminderPeriod ? MinimumReminderPeriod : left > LongestReminderStep ? LongestReminderStep : left;
        return grain.RegisterOrUpdateReminder(ExpiryReminder, step, step);
    }
}
