using System.Collections.Concurrent;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// Explicit barriers between a test and the <see cref="GatedAnalysis"/> step it drives, by gate id:
/// the step announces it has been entered, then blocks until the test opens the gate or the job is cancelled.
/// </summary>
public static class Gates
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Opened = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Entered = new();

    /// <summary>A fresh gate id for one test.</summary>
    public static string NewId() => "gate-" + Guid.NewGuid().ToString("N");

    public static void Open(string gate) => OpenedOf(gate).TrySetResult();

    /// <summary>Called by the step: marks the gate entered, then waits until it opens or the job is cancelled.</summary>
    public static void Pass(string gate, CancellationToken cancellationToken)
    {
        EnteredOf(gate).TrySetResult();
        OpenedOf(gate).Task.Wait(cancellationToken);
    }

    /// <summary>Completes once a job's step is blocked on <paramref name="gate"/> (so the job is running).</summary>
    public static Task WhenEntered(string gate) => EnteredOf(gate).Task;

    private static TaskCompletionSource OpenedOf(string gate) =>
        Opened.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static TaskCompletionSource EnteredOf(string gate) =>
        Entered.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
