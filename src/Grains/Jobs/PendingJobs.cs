namespace Actors.Jobs;

/// <summary>
/// A tenant's waiting jobs in admission order: high, normal, low, FIFO within a priority. Adding,
/// removing, taking the next job and the position of the last of a priority (a job just added) cost O(1) however long the queue is; only an earlier position walks it.
/// </summary>
public sealed class PendingJobs
{
    private readonly LinkedList<string>[] _byPriority = [new(), new(), new()];
    private readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);

    public int Count => _nodes.Count;

    public int CountOf(JobPriority priority) => _byPriority[Rank(priority)].Count;

    public bool Contains(string jobId) => _nodes.ContainsKey(jobId);

    /// <summary>Adds at the end of its priority; false when already waiting.</summary>
    public bool Add(string jobId, JobPriority priority)
    {
        if (_nodes.ContainsKey(jobId))
        {
            return false;
        }
        _nodes[jobId] = _byPriority[Rank(priority)].AddLast(jobId);
        return true;
    }

    public bool Remove(string jobId)
    {
        if (!_nodes.Remove(jobId, out var node))
        {
            return false;
        }
        node.List!.Remove(node);
        return true;
    }

    /// <summary>Takes the job to admit next, or null when none waits.</summary>
    public string? TakeNext()
    {
        foreach (var list in _byPriority)
        {
            if (list.First is { } first)
            {
                list.RemoveFirst();
                _nodes.Remove(first.Value);
                return first.Value;
            }
        }
        return null;
    }

    /// <summary>1-based place in admission order, or null when not waiting.</summary>
    public int? PositionOf(string jobId)
    {
        if (!_nodes.TryGetValue(jobId, out var node))
        {
            return null;
        }
        var position = 0;
        foreach (var list in _byPriority)
        {
            if (node.List == list)
            {
                if (node == list.Last)
                {
                    // The common case, a job just added: no walk, so enqueueing behind thousands stays O(1).
                    return position + list.Count;
                }
                for (var n = list.First; n != node; n = n!.Next)
                {
                    position++;
                }
                return position + 1;
            }
            position += list.Count;
        }
        return null;
    }

    private static int Rank(JobPriority priority) => priority switch
    {
        JobPriority.High => 0,
        JobPriority.Low => 2,
        _ => 1,
    };
}
