namespace Actors.Testing;

/// <summary>
/// The one bounded wait of the tests and benchmarks: ask again, with a short backoff, until a condition
/// holds or the bound runs out, then fail saying what was awaited and what was last seen. Nothing is
/// timed: the bound only matters when something hangs.
/// </summary>
public static class Eventually
{
    /// <summary>Generous: these bound waits that take milliseconds on a healthy machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    /// <summary>Asks <paramref name="probe"/> until <paramref name="done"/> holds for its answer; returns that answer.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string awaited, TimeSpan? timeout = null,
        Func<T, string>? describe = null)
    {
        var bound = timeout ?? Timeout;
        var deadline = DateTime.UtcNow + bound;
        var pause = FirstPause;
        while (true)
        {
            var answer = await probe();
            if (done(answer))
            {
                return answer;
            }
            if (DateTime.UtcNow > deadline)
            {
                var seen = describe is null ? answer?.ToString() : describe(answer);
                throw new TimeoutException($"Timed out after {bound.TotalSeconds} s waiting for {awaited}; last seen: {seen}");
            }
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>Awaits a task another party completes (a barrier, a signal), for at most the bound.</summary>
    public static async Task For(Task task, string awaited, TimeSpan? timeout = null)
    {
        var bound = timeout ?? Timeout;
        try
        {
            await task.WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {bound.TotalSeconds} s waiting for {awaited}.");
        }
    }

    /// <summary>Awaits a task another party completes, for at most the bound; returns its result.</summary>
    public static async Task<T> For<T>(Task<T> task, string awaited, TimeSpan? timeout = null)
    {
        await For((Task)task, awaited, timeout);
        return await task;
    }
}
