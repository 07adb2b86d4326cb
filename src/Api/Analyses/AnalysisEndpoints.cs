using System.Text;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.OpenApi;
using Actors.Api.Problems;
using Actors.Reports;

namespace Actors.Api.Analyses;

/// <summary>The v1 job API: submit, list, status, result, cancel and the event stream.</summary>
public static class AnalysisEndpoints
{
    private const int MaxPerPage = 250;

    public static IEndpointRouteBuilder MapAnalyses(this IEndpointRouteBuilder app)
    {
        var analyses = app.MapGroup("/api/v1/analyses").WithTags("Analyses");
        analyses.MapPost("/", Submit).RequireAuthorization(Scopes.AnalysesWrite).Audited("analysis.submit")
            .WithSummary("Submit an analysis").WithDescription("Validates the body and its data (bad data is refused here, not as a failed job), queues the job and answers 202 with its URLs; Location is the status URL. The data comes as JSON (records or CSV text), or as a file: a text/csv or XLSX body with the other fields as query parameters, or multipart/form-data with a part named file.")
            .Accepts<AnalysisSubmission>(UploadBodies.ContentTypes[0], UploadBodies.ContentTypes[1..]).WithUploadBodies().Produces<SubmittedResponse>(StatusCodes.Status202Accepted)
            .WithHeaderParameter("Idempotency-Key", "Up to 255 characters. A retry with the same key and body returns the same job; with another body, 422 idempotency_key_reused.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        analyses.MapGet("/", List).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("List the tenant's jobs").WithDescription("Newest first; filter by status (queued, running, awaiting_approval, completed, failed, cancelled, rejected) and type. Page with limit and cursor (pass next_cursor back; a Link header names the next page), or with page and per_page.")
            .Produces<JobListResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        analyses.MapGet("/{id}", Status).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read a job's status").Produces<JobStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        analyses.MapGet("/{id}/result", Result).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read a finished job's report").WithDescription("JSON by default; format=md for Markdown, format=html for one self-contained page with charts. 409 while the job is not completed. The answer has an ETag; sent back in If-None-Match, it gets 304 Not Modified.")
            .WithHeaderParameter("If-None-Match", "An ETag this endpoint sent: 304 when the report is still that one.")
            .Produces<AnalysisReport>(StatusCodes.Status200OK, "application/json", "text/markdown", "text/html")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        analyses.MapGet("/{id}/events", JobEventStream.Stream).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Follow a job's events (Server-Sent Events)").WithDescription("Replays the job's buffered events after Last-Event-ID, then live ones: id is the sequence number, event the kind (queued, started, progress, step, agent, approval_requested, approved, completed, failed, cancelled, rejected), data a JSON object. Comment lines keep the connection open; the stream ends after the terminal event.")
            .Produces<JobEventData>(StatusCodes.Status200OK, "text/event-stream")
            .WithHeaderParameter("Last-Event-ID", "Resume after this sequence number.").WithQueryParameter("last_event_id", "The same, for clients that cannot set headers.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        analyses.MapDelete("/{id}", Cancel).RequireAuthorization(Scopes.AnalysesWrite).Audited("analysis.cancel")
            .WithSummary("Cancel a job").WithDescription("A queued, running or awaiting_approval job becomes cancelled; a finished job stays as it is. Answers the job's status.")
            .Produces<JobStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Submit(HttpContext http, SubmissionReader reader, JobSubmitter submitter, Actors.Api.Tenancy.TenantDirectory tenants)
    {
        var tenant = await tenants.GetAsync(http.User.GetTenantId());
        var (request, teamName, problem) = await reader.ReadAsync(http.Request, http.RequestAborted, tenant.Limits);
        if (problem is not null)
        {
            return problem;
        }
        var (submitted, refused) = await submitter.SubmitAsync(http, tenant, request!, teamName);
        return refused ?? TypedResults.Accepted(submitted!.StatusUrl, submitted);
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster, int? page, int? per_page, string? status, string? type, int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        var cursorOffset = Actors.Api.Paging.Cursors.Read(cursor, limit, MaxPerPage, errors);
        if (page is < 1)
        {
            errors["page"] = ["At least 1."];
        }
        if (per_page is < 1 or > MaxPerPage)
        {
            errors["per_page"] = [$"From 1 to {MaxPerPage}."];
        }
        JobStatus? statusFilter = null;
        if (status is not null)
        {
            if (JobStatusExtensions.TryParseWire(status, out var parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = [$"One of: {string.Join(", ", JobStatusExtensions.WireNames)}."];
            }
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("Some query parameters are not valid; see errors.", errors);
        }

        var size = limit ?? per_page ?? 50;
        var offset = cursor is not null ? cursorOffset : ((page ?? 1) - 1) * size;
        var list = cluster.GetGrain<ITenantJobList>(http.User.GetTenantId());
        var (items, total) = await Actors.Api.Paging.Cursors.WindowAsync(offset, size, async (number, perPage) =>
        {
            var result = await list.List(number, perPage, statusFilter, type);
            return (result.Items, result.Total);
        });
        var next = Actors.Api.Paging.Cursors.Next(offset, items.Count, total);
        Actors.Api.Paging.Cursors.Link(http, next);
        return TypedResults.Ok(new JobListResponse([.. items.Select(j => JobStatusResponse.From(j, null))], offset / size + 1, size, total, next));
    }

    private static async Task<IResult> Status(HttpContext http, IClusterClient cluster, string id)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return JobNotFound(id);
        }
        var tenantId = http.User.GetTenantId();
        var job = await cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, id)).GetStatus();
        if (job is null)
        {
            return JobNotFound(id);
        }
        int? position = job.Status switch
        {
            JobStatus.Queued => await cluster.GetGrain<ITenantQueue>(tenantId).GetPosition(id),
            JobStatus.Running => 0,
            _ => null,
        };
        return TypedResults.Ok(JobStatusResponse.From(job, position));
    }

    private static async Task<IResult> Result(HttpContext http, IClusterClient cluster, string id, string? format)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return JobNotFound(id);
        }
        var rendering = ReportFormat.Json;
        if (format is not null && !ReportFormats.TryParse(format, out rendering))
        {
            return Problem.Validation($"Unknown report format '{format}'.",
                new Dictionary<string, string[]> { ["format"] = [$"One of: {string.Join(", ", ReportFormats.Names)}."] });
        }
        var result = await cluster.GetGrain<IAnalysisJob>(JobKey.For(http.User.GetTenantId(), id)).GetResult();
        if (result is null)
        {
            return JobNotFound(id);
        }
        return result.Job.Status switch
        {
            JobStatus.Completed when result.Expired => Problem.Create(StatusCodes.Status410Gone, ProblemCodes.ResultExpired, "The result has expired",
                $"Job {id} completed at {result.Job.CompletedAt:O}; its report was kept for the result retention period and has been deleted."),
            JobStatus.Completed => Rendered(http, result.ReportJson!, rendering),
            JobStatus.Failed => Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.JobFailed, "The job failed",
                $"Job {id} failed ({result.Job.Error?.Code}): {result.Job.Error?.Message}"),
            JobStatus.Cancelled => Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.JobCancelled, "The job was cancelled",
                $"Job {id} was cancelled; it has no result."),
            JobStatus.Rejected => Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.JobRejected, "The job was rejected",
                $"Job {id} was rejected at an approval step; it has no result. {result.Job.Error?.Message}"),
            _ => Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.ResultNotReady, "The result is not ready",
                $"Job {id} is {result.Job.Status.ToWire()} ({result.Job.Progress}%). Follow its events or poll its status."),
        };
    }

    private static async Task<IResult> Cancel(HttpContext http, IClusterClient cluster, string id)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return JobNotFound(id);
        }
        var job = await cluster.GetGrain<IAnalysisJob>(JobKey.For(http.User.GetTenantId(), id)).Cancel();
        return job is null ? JobNotFound(id) : TypedResults.Ok(JobStatusResponse.From(job, null));
    }

    /// <summary>
    /// The report in its rendering, with a strong <c>ETag</c> (a hash of exactly these bytes): a finished report
    /// never changes, so a client that sends it back in <c>If-None-Match</c> gets 304 and no body.
    /// </summary>
    private static IResult Rendered(HttpContext http, string reportJson, ReportFormat format)
    {
        var (body, contentType) = ReportRendering.Render(reportJson, format);
        var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue(
            "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32] + "\"");
        http.Response.Headers.ETag = tag.ToString();
        if (Microsoft.Net.Http.Headers.EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var sent)
            && sent.Any(t => t.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Text(body, contentType, Encoding.UTF8);
    }

    internal static IResult JobNotFound(string id) => Problem.NotFound($"No analysis job '{id}' for this tenant.");
}
