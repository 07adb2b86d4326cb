namespace Actors.Webhooks;

/// <summary>
/// Tells the tenant's webhook registry that a job finished, with one one-way call: the job never
/// waits on webhooks or their receivers. Notices may repeat (see <see cref="IJobObserver.OnFinished"/>);
/// deliveries are keyed by job and event, so a repeat sends nothing twice.
/// </summary>
public sealed class WebhookJobObserver(IGrainFactory grains, TimeProvider time) : IJobObserver
{
    public void OnFinished(string tenantId, JobSnapshot job, AnalysisRequest request)
    {
        var notice = new WebhookNotice(job.JobId, job.Type, job.Status, job.Error, job.CompletedAt ?? time.GetUtcNow(), request.CallbackUrl);
        _ = grains.GetGrain<ITenantWebhooks>(tenantId).Announce(notice);
    }

    public void OnAwaitingApproval(string tenantId, JobSnapshot job, AnalysisRequest request)
    {
        var notice = new WebhookNotice(job.JobId, job.Type, job.Status, null, job.Approval?.RequestedAt ?? time.GetUtcNow(), request.CallbackUrl, job.Approval);
        _ = grains.GetGrain<ITenantWebhooks>(tenantId).Announce(notice);
    }
}
