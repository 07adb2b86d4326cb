namespace Actors.Batches;

/// <summary>Where a batch is: running until every item has finished; then completed, or cancelled when it was cancelled.</summary>
[GenerateSerializer, Alias("Actors.Batches.BatchStatus")]
public enum BatchStatus
{
    Running = 0,
    Completed = 1,
    Cancelled = 2,
}

public static class BatchStatusExtensions
{
    public static string ToWire(this BatchStatus status) => status switch
    {
        BatchStatus.Running => "running",
        BatchStatus.Completed => "completed",
        BatchStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool IsTerminal(this BatchStatus status) => status != BatchStatus.Running;
}
