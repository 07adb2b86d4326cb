using Actors.Teams;

namespace Actors.Jobs;

/// <summary>
/// A job's approval steps: stopping at one (the job waits, durably, holding no run slot), a person's
/// decision or, past the due time, the timeout policy's, and what each does (approved, the job queues
/// to go on after the step; rejected, it ends). The job grain hands over how it enlists and finishes.
/// </summary>
public sealed class JobApproval(JobJournal journal, JobNeighbours neighbours, JobOptions options, TimeProvider time,
    string tenantId, string jobId, ILogger logger, Func<Task<int>> enlist, Func<Task> finish)
{
    // Whether this activation has given back the run slot and told the webhooks of the wait: once done,
    // the watchdog's ticks until the due time need not do it again (an activation after a silo's death does it once).
    private bool _announced;

    /// <summary>A person's answer; null when there is no job, not decided when it does not wait.</summary>
    public async Task<ApprovalOutcome?> DecideAsync(ApprovalAnswer answer)
    {
        if (journal.Committed.Request is null)
        {
            return null;
        }
        if (journal.Committed is not { Status: JobStatus.AwaitingApproval, Approval: { } wait })
        {
            return new ApprovalOutcome(journal.Snapshot(), Decided: false);
        }
        var decided = await ApplyAsync(wait, new ApprovalDecision(wait.Step, answer.Approve, answer.DecidedBy, answer.Comment, time.GetUtcNow(), ByTimeout: false));
        return new ApprovalOutcome(journal.Snapshot(), decided);
    }

    /// <summary>
    /// Stops at an approval step: the job waits, durably, in <see cref="JobStatus.AwaitingApproval"/> and
    /// gives its run slot to the tenant's next job; its watchdog stays, to apply the timeout policy.
    /// </summary>
    public async Task AwaitAsync(TeamStep step)
    {
        var now = time.GetUtcNow();
        var wait = new ApprovalWait(step.Tool, step.Message, now, now + (step.Timeout ?? options.ApprovalTimeout), step.OnTimeout ?? options.ApprovalTimeoutPolicy);
        var committed = await journal.CommitAsync(
            s => s.Status != JobStatus.Running ? null : s with { Status = JobStatus.AwaitingApproval, Approval = wait, CurrentStep = step.Tool },
            JobEventKind.ApprovalRequested,
            $"step {step.Tool} awaits approval until {wait.DueAt:O} (then {wait.OnTimeout}){(step.Message is { } message ? ": " + message : "")}");
        if (committed is null)
        {
            return;
        }
        logger.LogInformation("Job {JobId} of tenant {TenantId} awaits approval at step {Step} until {DueAt}, then {OnTimeout}",
            jobId, tenantId, wait.Step, wait.DueAt, wait.OnTimeout);
        await AnnounceAsync();
    }

    /// <summary>
    /// A watchdog tick while the job awaits approval: past the due time, the timeout policy decides.
    /// Before it, what may have been lost when the job stopped (its silo died after the write) is done
    /// once in this activation, harmlessly twice: the slot is released, and the webhooks are told (a
    /// delivery is keyed by job, step and event).
    /// </summary>
    public async Task WatchAsync(ApprovalWait wait)
    {
        var now = time.GetUtcNow();
        if (now < wait.DueAt)
        {
            if (!_announced)
            {
                await AnnounceAsync();
            }
            return;
        }
        logger.LogInformation("Job {JobId} of tenant {TenantId}: nobody decided step {Step} by {DueAt}; the timeout policy does ({OnTimeout})",
            jobId, tenantId, wait.Step, wait.DueAt, wait.OnTimeout);
        await ApplyAsync(wait, new ApprovalDecision(wait.Step, wait.OnTimeout == ApprovalDecision.Approve, ApprovalDecision.TimeoutDecider,
            $"nobody decided within {wait.DueAt - wait.RequestedAt:c}", now, ByTimeout: true));
    }

    /// <summary>
    /// Applies a decision to the wait it answers (a decision for an older wait changes nothing): approved,
    /// the step's checkpoint is the decision and the job queues for a slot; rejected, the job ends.
    /// </summary>
    private async Task<bool> ApplyAsync(ApprovalWait wait, ApprovalDecision decision)
    {
        var now = decision.DecidedAt;
        var comment = decision.Comment is { Length: > 0 } said ? $": {said}" : "";
        if (!decision.Approved)
        {
            var error = new JobError("rejected", $"Step '{wait.Step}' was rejected by {decision.DecidedBy}{comment}");
            var rejected = await journal.CommitAsync(
                s => !Awaits(s, wait) ? null : JobEnd.Of(s, JobStatus.Rejected, now) with { Error = error, AwaitedApproval = s.AwaitedApproval + (now - wait.RequestedAt) },
                JobEventKind.Rejected,
                error.Message);
            if (rejected is null)
            {
                return false;
            }
            logger.LogInformation("Job {JobId} of tenant {TenantId} rejected at step {Step} by {DecidedBy}", jobId, tenantId, wait.Step, decision.DecidedBy);
            await finish();
            return true;
        }
        var approved = await journal.CommitAsync(
            s => !Awaits(s, wait)
                ? null
                : s with
                {
                    Status = JobStatus.Queued,
                    Checkpoints = s.Checkpoints.SetItem(wait.Step, decision.AsStepDone().CheckpointJson),
                    AwaitedApproval = s.AwaitedApproval + (now - wait.RequestedAt),
                },
            JobEventKind.Approved,
            $"step {wait.Step} approved by {decision.DecidedBy}{comment}");
        if (approved is null)
        {
            return false;
        }
        logger.LogInformation("Job {JobId} of tenant {TenantId} approved at step {Step} by {DecidedBy}; it queues to go on", jobId, tenantId, wait.Step, decision.DecidedBy);
        await enlist();
        return true;
    }

    /// <summary>Gives the run slot to the tenant's next job and tells the webhooks; done for this activation once the slot is given back.</summary>
    private async Task AnnounceAsync()
    {
        neighbours.Notify(o => o.OnAwaitingApproval(tenantId, journal.Snapshot(), journal.Committed.Request!));
        _announced = await neighbours.ReleaseQueueSlotAsync();
    }

    private static bool Awaits(AnalysisJobState s, ApprovalWait wait) => s.Status == JobStatus.AwaitingApproval && s.Approval == wait;
}
