using System.Collections.Concurrent;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>
/// Explicit barriers between a test and the analysis steps it drives, by name: a step announces
/// it has been entered and waits until the test opens its gate. Also counts step runs, so tests
/// can tell a resumed job from a restarted one.
/// </summary>
public static class TestGates
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Entered = new();
    private static readonly ConcurrentDictionary<string, int> Runs = new();

    public static void Open(string gate) => GateOf(gate).TrySetResult();

    /// <summary>Blocks the calling step until <paramref name="gate"/> opens or the job is cancelled.</summary>
    public static void Pass(string gate, CancellationToken cancellationToken)
    {
        EnteredOf(gate).TrySetResult();
        GateOf(gate).Task.Wait(cancellationToken);
    }

    public static Task WhenEntered(string gate) => EnteredOf(gate).Task;

    public static void CountRun(string key) => Runs.AddOrUpdate(key, 1, (_, n) => n + 1);

    public static int RunsOf(string key) => Runs.TryGetValue(key, out var n) ? n : 0;

    private static TaskCompletionSource GateOf(string gate) =>
        Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static TaskCompletionSource EnteredOf(string gate) =>
        Entered.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
