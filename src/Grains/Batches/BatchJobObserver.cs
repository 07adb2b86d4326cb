namespace Actors.Batches;

/// <summary>Tells a batch, one-way, that one of its items' jobs started or finished. Repeats are harmless: the batch counts an item's end once.</summary>
public sealed class BatchJobObserver(IGrainFactory grains) : IJobObserver
{
    public void OnStarted(string tenantId, JobSnapshot job, AnalysisRequest request) => Tell(tenantId, job, request);

    public void OnFinished(string tenantId, JobSnapshot job, AnalysisRequest request) => Tell(tenantId, job, request);

    private void Tell(string tenantId, JobSnapshot job, AnalysisRequest request)
    {
        if (request.BatchId is { } batchId)
        {
            _ = grains.GetGrain<IBatch>(JobKey.For(tenantId, batchId)).ItemChanged(job.JobId, job.Status, job.Error);
        }
    }
}
