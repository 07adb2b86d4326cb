using Actors.Jobs;

namespace Actors.Webhooks;

/// <summary>The event names a delivery carries in its body and in <c>X-Actors-Event</c>.</summary>
public static class WebhookEvents
{
    public const string AnalysisCompleted = "analysis.completed";
    public const string AnalysisFailed = "analysis.failed";

    /// <summary>A job stopped at an approval step; the body's <c>data.approval</c> says which, and until when.</summary>
    public const string AnalysisAwaitingApproval = "analysis.awaiting_approval";

    /// <summary>A job ended by a rejection at an approval step.</summary>
    public const string AnalysisRejected = "analysis.rejected";

    /// <summary>Sent to a job's <c>callback_url</c> only: a registered webhook cannot subscribe to it.</summary>
    public const string AnalysisCancelled = "analysis.cancelled";

    /// <summary>A tenant's monthly LLM budget was reached: sent once a month to the webhooks subscribed to it.</summary>
    public const string BudgetReached = "budget.reached";

    /// <summary>A delivery asked for with <c>POST /api/v1/webhooks/{id}/test</c>.</summary>
    public const string Test = "webhook.test";

    /// <summary>What a registered webhook may subscribe to.</summary>
    public static readonly IReadOnlyList<string> Subscribable = [AnalysisCompleted, AnalysisFailed, AnalysisAwaitingApproval, AnalysisRejected, BudgetReached];

    /// <summary>The event of a job that reached <paramref name="status"/>; null while the job is queued or running.</summary>
    public static string? ForJob(JobStatus status) => status switch
    {
        JobStatus.Completed => AnalysisCompleted,
        JobStatus.Failed => AnalysisFailed,
        JobStatus.Cancelled => AnalysisCancelled,
        JobStatus.AwaitingApproval => AnalysisAwaitingApproval,
        JobStatus.Rejected => AnalysisRejected,
        _ => null,
    };
}
