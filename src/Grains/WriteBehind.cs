namespace Actors;

/// <summary>
/// A grain's write that may wait a little: the first change <see cref="Schedule"/>s one write on a
/// one-shot grain timer, and every change made before it fires rides along, so a burst of changes
/// costs one write. What is written, and whether anything is left to write, is the grain's business;
/// this type owns only the timer. A change made while the write runs schedules the next one.
/// </summary>
/// <param name="write">Writes what is buffered; called from the timer or from <see cref="WriteNowAsync"/>.</param>
/// <param name="failed">Told of a failed write on the timer (the grain logs it in its own words).</param>
/// <param name="retryAfter">After a failed write on the timer, write again this much later; null: the next change schedules it.</param>
/// <param name="interleave">The timer runs between the grain's calls (the write then guards itself).</param>
public sealed class WriteBehind(IGrainBase grain, TimeSpan delay, Func<Task> write, Action<Exception> failed,
    TimeSpan? retryAfter = null, bool interleave = false)
{
    private IGrainTimer? _timer;

    /// <summary>True while a write is scheduled and has not started.</summary>
    public bool IsScheduled => _timer is not null;

    /// <summary>Schedules the write unless one is scheduled already.</summary>
    public void Schedule() => Schedule(delay);

    /// <summary>Schedules the write <paramref name="after"/> from now unless one is scheduled already (a retry after a write that failed elsewhere).</summary>
    public void Schedule(TimeSpan after) =>
        _timer ??= grain.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(after, Timeout.InfiniteTimeSpan) { Interleave = interleave });

    /// <summary>Writes at once instead of on the timer (a read that must see its writes, a deactivation); a failure is the caller's.</summary>
    public async Task WriteNowAsync()
    {
        var timer = _timer;
        _timer = null;
        timer?.Dispose();
        await write();
    }

    /// <summary>On deactivation: writes what is scheduled, if anything is.</summary>
    public Task WriteIfScheduledAsync() => _timer is null ? Task.CompletedTask : WriteNowAsync();

    private async Task OnTimerAsync(CancellationToken _)
    {
        var timer = _timer;
        _timer = null;
        try
        {
            await write();
        }
        catch (Exception ex)
        {
            failed(ex);
            if (retryAfter is { } retry)
            {
                Schedule(retry);
            }
        }
        finally
        {
            // One-shot. Disposed only now: disposing a grain timer cancels the callback it is running.
            timer?.Dispose();
        }
    }
}
