namespace Actors.Production.Tests;

/// <summary>
/// The kit's <see cref="Eventually.Until{T}"/> in the argument order these tests were written in (the
/// bound before what is awaited). It adds nothing: new code calls Eventually directly.
/// </summary>
public static class Poll
{
    public static Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string awaited, Func<T, string>? describe = null) =>
        Eventually.Until(probe, done, awaited, timeout, describe);
}
