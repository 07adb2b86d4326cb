namespace Actors.Jobs;

/// <summary>
/// Counts completions per job in a store outside the grains, keyed uniquely by job: evidence that
/// no job completed twice, whichever silo died. Written after the completed state is persisted, and
/// again by the watchdog if the silo died in between: recording one completion (same job, same
/// <c>completedAt</c>) twice must count once. The embedded default keeps none.
/// </summary>
public interface ICompletionLedger
{
    Task RecordAsync(string tenantId, string jobId, DateTimeOffset completedAt);
}

/// <summary>The embedded default: nothing outside the process to record in.</summary>
public sealed class NoCompletionLedger : ICompletionLedger
{
    public Task RecordAsync(string tenantId, string jobId, DateTimeOffset completedAt) => Task.CompletedTask;
}
