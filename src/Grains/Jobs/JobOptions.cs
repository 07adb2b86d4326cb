namespace Actors.Jobs;

/// <summary>How analysis jobs run. Bound from the <c>Actors:Jobs</c> configuration section.</summary>
public sealed class JobOptions
{
    public const string Section = "Actors:Jobs";

    /// <summary>Longest a job may run, all attempts included (time awaiting approval not counted), before it fails with <c>job_timeout</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a transient failure becomes final; a resume after a silo died counts as one.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Backoff before attempt n+1 is <c>RetryBaseDelay · 2^(n-1)</c>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events kept per job for SSE replay; older ones are dropped.</summary>
    public int ReplayBufferSize { get; set; } = 200;

    /// <summary>
    /// Period of the reminder that resumes a job whose silo died. Orleans refuses less than its
    /// <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default).
    /// </summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A step checkpoint made sooner than this after the job's last write waits for the next write
    /// (or this long at most), so fast steps cost one write between them. Zero writes every step.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How often each silo looks for job events to deliver to their listeners (the SSE endpoints); an event
    /// waits half of this on average. Orleans's default, 100 ms, made it the largest part of a fast
    /// job's submit-to-completed time. Each look is one call per stream queue (8), so an idle silo
    /// makes 8 / interval of them a second.
    /// </summary>
    public TimeSpan EventDeliveryInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Submitted data up to this many characters is kept in the job's state; larger data is stored apart.</summary>
    public int InlineInputLimit { get; set; } = 16 * 1024;

    /// <summary>
    /// How long a completed job keeps its submitted data, so a conversation's agent can work over the table
    /// the job analysed; then it is erased (a reminder). Zero drops it when the job ends, as a failed or
    /// cancelled job always does.
    /// </summary>
    public TimeSpan InputRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Reports larger than this (UTF-16 characters of JSON) are stored by reference where a result store exists (production).</summary>
    public int InlineResultLimitBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long an <c>Idempotency-Key</c> stays bound to the job it made: within it a retry returns that job;
    /// after it the key is free (a submission makes a new job) and its record is erased from storage.
    /// </summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a job waits at an approval step whose template sets no <c>timeout</c>. The job's watchdog
    /// notices the timeout on its next tick (within <see cref="WatchdogPeriod"/>).
    /// </summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>What decides an approval step nobody answered in time, unless its template says (<c>on_timeout</c>): <c>approve</c> or <c>reject</c>.</summary>
    public string ApprovalTimeoutPolicy { get; set; } = "reject";

    /// <summary>How long a report stored by reference is kept after its job completed; then the result answers 410.</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromDays(90);
}
