namespace Actors.Jobs;

/// <summary>A tenant queue's persisted lists: pending job ids per priority (FIFO) and the ids holding run slots.</summary>
[GenerateSerializer, Alias("Actors.Jobs.TenantQueueState")]
public sealed class TenantQueueState
{
    [Id(0)] public List<string> High { get; set; } = [];
    [Id(1)] public List<string> Normal { get; set; } = [];
    [Id(2)] public List<string> Low { get; set; } = [];
    [Id(3)] public HashSet<string> Running { get; set; } = [];

    public List<string> Pending(JobPriority priority) => priority switch
    {
        JobPriority.High => High,
        JobPriority.Low => Low,
        _ => Normal,
    };

    /// <summary>The pending lists in admission order.</summary>
    public IEnumerable<List<string>> PendingInOrder()
    {
        yield return High;
        yield return Normal;
        yield return Low;
    }
}
