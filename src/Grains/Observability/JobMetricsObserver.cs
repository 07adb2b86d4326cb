using Actors.Analyses;

namespace Actors.Observability;

/// <summary>
/// Feeds the job counters and histograms from job transitions. Called on the job's grain scheduler,
/// so it only counts. Types this node does not run are counted as <see cref="ActorsMetrics.OtherType"/>.
/// </summary>
internal sealed class JobMetricsObserver(AnalysisCatalog catalog) : IJobObserver
{
    // A job is told finished again when its watchdog retries a release that failed: remember the
    // last finished jobs of this silo so a retry does not count twice. Bounded, and never a label.
    private const int RememberedFinishedJobs = 4096;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly Queue<string> _finishedOrder = new();

    public void OnQueued(string tenantId, JobSnapshot job) =>
        ActorsMetrics.JobSubmitted(TypeOf(job));

    public void OnStarted(string tenantId, JobSnapshot job)
    {
        if (job.StartedAt is { } started)
        {
            ActorsMetrics.JobStarted(TypeOf(job), job.Priority, started - job.CreatedAt);
        }
    }

    public void OnFinished(string tenantId, JobSnapshot job, AnalysisRequest request)
    {
        if (!job.Status.IsTerminal() || !FirstTimeFinished(tenantId, job.JobId))
        {
            return;
        }
        TimeSpan? ran = job is { StartedAt: { } started, CompletedAt: { } completed } ? completed - started : null;
        ActorsMetrics.JobFinished(TypeOf(job), job.Status, ran);
    }

    private string TypeOf(JobSnapshot job) =>
        catalog.TryGet(job.Type, out _) ? job.Type : ActorsMetrics.OtherType;

    private bool FirstTimeFinished(string tenantId, string jobId)
    {
        var key = tenantId + "/" + jobId;
        lock (_gate)
        {
            if (!_finished.Add(key))
            {
                return false;
            }
            _finishedOrder.Enqueue(key);
            if (_finishedOrder.Count > RememberedFinishedJobs)
            {
                _finished.Remove(_finishedOrder.Dequeue());
            }
            return true;
        }
    }
}
