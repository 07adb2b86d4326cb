namespace Actors.Jobs;

/// <summary>
/// A tenant queue's persisted part: the ids holding run slots. Waiting jobs are not stored here
/// (each is stored as queued in its own job state); the lists below are only read, from queues
/// written before that change, and are written back empty.
/// </summary>
[GenerateSerializer, Alias("Actors.Jobs.TenantQueueState")]
public sealed class TenantQueueState
{
    [Id(0)] public List<string> High { get; set; } = [];
    [Id(1)] public List<string> Normal { get; set; } = [];
    [Id(2)] public List<string> Low { get; set; } = [];
    [Id(3)] public HashSet<string> Running { get; set; } = [];
}
