namespace Actors.Api.Tests.Infrastructure;

/// <summary>Bounded waits on conditions, failing with a message that says what was awaited. No timing is asserted.</summary>
public static class Wait
{
    /// <summary>Generous: these bound waits on a healthy node that take milliseconds; they only matter when something hangs.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its value; returns that value.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
            try
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new TimeoutException($"Timed out after {Timeout.TotalSeconds} s waiting for {what}; last seen: {last}");
    }

    /// <summary>Awaits <paramref name="task"/> for at most <see cref="Timeout"/>.</summary>
    public static async Task For(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {Timeout.TotalSeconds} s waiting for {what}.");
        }
    }
}
