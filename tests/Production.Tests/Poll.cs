namespace Actors.Production.Tests;

/// <summary>
/// The one way these tests wait for something another process makes true: ask again, with a
/// short backoff (20 ms growing to 250 ms), until the condition holds or the bound runs out, and
/// then fail with what was awaited and the last answer seen.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Asks <paramref name="probe"/> until <paramref name="done"/> holds for its answer; returns that answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string awaited, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
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
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {awaited}; last seen: {(describe is null ? answer?.ToString() : describe(answer))}");
            }
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}
