using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Jobs;

/// <summary>
/// Where a completed job's report lives: in the job's state, or, when it is larger than
/// <see cref="JobOptions.InlineResultLimitBytes"/> and a result store exists (production), in the
/// store, the state saying only that it is there. Store failures surface as <see cref="OrleansException"/>:
/// storage trouble, not the job's (the run loop pauses on it; the API answers 503).
/// </summary>
public sealed class JobReports(IResultStore? store, string tenantId, string jobId, int inlineLimit)
{
    // The report is served as application/json, never inlined in HTML: keep quotes and accents readable.
    private static readonly JsonSerializerOptions ReportJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Serializes the report and stores a large one first; returns the JSON to keep in the state (null
    /// when stored apart). A crash between the two leaves an orphan row the retention sweep removes, never a lost report.
    /// </summary>
    public async Task<(string? Inline, bool Stored)> KeepAsync(JsonObject report, DateTimeOffset completedAt)
    {
        var json = report.ToJsonString(ReportJson);
        if (store is null || json.Length <= inlineLimit)
        {
            return (json, false);
        }
        try
        {
            await store.SaveAsync(tenantId, jobId, json, completedAt);
        }
        catch (Exception ex) when (ex is not OrleansException)
        {
            throw new OrleansException($"The result store could not save job {jobId}'s report.", ex);
        }
        return (null, true);
    }

    /// <summary>The job's result as <paramref name="written"/> says; a report stored apart is loaded (expired once retention removed it).</summary>
    public async Task<JobResult> ReadAsync(JobSnapshot snapshot, AnalysisJobState written)
    {
        if (!written.ReportStored || store is null)
        {
            return new JobResult(snapshot, written.ReportJson);
        }
        string? report;
        try
        {
            report = await store.LoadAsync(tenantId, jobId);
        }
        catch (Exception ex) when (ex is not OrleansException)
        {
            // The store's own exception type need not cross the wire.
            throw new OrleansException($"The result store could not be read for job {jobId}.", ex);
        }
        return new JobResult(snapshot, report, Expired: report is null);
    }
}
