using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Analyses;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Hosting;
using Actors.Audit;
using Actors.Conversations;
using Actors.Tenants;

namespace Actors.Api.Conversations;

/// <summary>
/// Analyses started from a conversation: the message's <c>analysis</c> object is validated and submitted
/// exactly as a body of <c>POST /api/v1/analyses</c> (same reader, same <see cref="JobSubmitter"/>: quotas,
/// <c>Idempotency-Key</c>), audited as <c>analysis.submit</c>, and a streamed answer follows the job's
/// progress until it finishes or <see cref="ConversationOptions.FollowJobFor"/> passes.
/// </summary>
public sealed class ConversationAnalyses(SubmissionReader reader, JobSubmitter submitter, Actors.Analyses.AnalysisCatalog catalog, IClusterClient cluster,
    AuditWriter audit, TimeProvider time)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public async Task<(SubmittedResponse? Submitted, IResult? Problem)> StartAsync(HttpContext http, TenantPolicy tenant, string question, JsonElement analysis)
    {
        // "Run a trend analysis on this" names the type, so the object may leave it out.
        if (!analysis.TryGetProperty("type", out _) && AnalysisRequests.NamedType(question, catalog.SupportedTypes) is { } named)
        {
            var node = JsonNode.Parse(analysis.GetRawText())!.AsObject();
            node["type"] = named;
            analysis = JsonSerializer.SerializeToElement(node);
        }
        var (request, team, problem) = reader.Read(analysis, tenant.Limits);
        if (problem is not null)
        {
            return (null, problem);
        }
        var (submitted, refused) = await submitter.SubmitAsync(http, tenant, request!, team);
        Audit(http, tenant.TenantId, submitted, refused);
        return (submitted, refused);
    }

    /// <summary>Sends <c>progress</c> events from the job's buffered events until it is terminal or the time is up.</summary>
    public async Task FollowAsync(HttpResponse response, JsonSerializerOptions json, string tenantId, SubmittedResponse started, TimeSpan followFor, CancellationToken cancellationToken)
    {
        var job = cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, started.JobId));
        var until = time.GetUtcNow() + followFor;
        long after = 0;
        while (time.GetUtcNow() < until)
        {
            var page = await job.GetEvents(after);
            if (page is null)
            {
                return;
            }
            foreach (var e in page.Events)
            {
                after = Math.Max(after, e.Sequence);
                await WriteAsync(response, json, new AnalysisProgress(started.JobId, e.Status.ToWire(), e.Progress, e.CurrentStep), cancellationToken);
            }
            if (page.Status.IsTerminal())
            {
                return;
            }
            await Task.Delay(PollEvery, time, cancellationToken);
        }
    }

    private static Task WriteAsync(HttpResponse response, JsonSerializerOptions json, AnalysisProgress progress, CancellationToken cancellationToken) =>
        SseWriter.SendAsync(response, "progress", JsonSerializer.Serialize(progress, json), cancellationToken);

    /// <summary>The message is audited as <c>conversation.message</c>; the job it started is audited as a submission too.</summary>
    private void Audit(HttpContext http, string tenantId, SubmittedResponse? submitted, IResult? refused)
    {
        var status = refused is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status202Accepted;
        var at = time.GetUtcNow();
        audit.Record(new AuditEntry(AuditRecorder.NewId(at), at, tenantId, http.User.GetActor(), "analysis.submit",
            submitted?.StatusUrl ?? "/api/v1/analyses", AuditRecorder.OutcomeOf(status), status,
            RequestIdMiddleware.Of(http) ?? http.TraceIdentifier, http.Connection.RemoteIpAddress?.ToString(), null));
    }
}
