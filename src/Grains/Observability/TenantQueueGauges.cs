namespace Actors.Observability;

/// <summary>
/// What one tenant queue activation contributes to the queue depth and running gauges. The queue
/// reports its lists after each change and the difference to the last report is added; on
/// deactivation it withdraws everything. So the gauges count what live activations hold: a queue
/// that reactivates on another silo (its silo died, or it was collected) brings its jobs along
/// instead of being counted twice or leaving a negative count behind.
/// </summary>
public sealed class TenantQueueGauges
{
    private long _high;
    private long _normal;
    private long _low;
    private long _running;

    /// <summary>Brings the gauges in line with <paramref name="queue"/>; call after the lists change.</summary>
    public void Report(PendingJobs pending, int running) =>
        Move(pending.CountOf(JobPriority.High), pending.CountOf(JobPriority.Normal), pending.CountOf(JobPriority.Low), running);

    /// <summary>Takes this activation's jobs off the gauges; call when the activation goes away.</summary>
    public void Withdraw() => Move(0, 0, 0, 0);

    private void Move(long high, long normal, long low, long running)
    {
        ActorsMetrics.QueueDepthChanged(JobPriority.High, high - _high);
        ActorsMetrics.QueueDepthChanged(JobPriority.Normal, normal - _normal);
        ActorsMetrics.QueueDepthChanged(JobPriority.Low, low - _low);
        ActorsMetrics.RunningChanged(running - _running);
        (_high, _normal, _low, _running) = (high, normal, low, running);
    }
}
