using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Teams;

namespace Actors.Api.Analyses;

/// <summary>A person's decision on the approval step a job waits at (docs/agents.md#approval).</summary>
public static class ApprovalEndpoints
{
    public static IEndpointRouteBuilder MapApprovals(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/analyses/{id}/approval", Decide).WithTags("Analyses")
            .RequireAuthorization(Scopes.AnalysesWrite).Audited("analysis.approval")
            .WithSummary("Approve or reject a job waiting at an approval step")
            .WithDescription("For a job in awaiting_approval: approve, and it queues for a run slot and goes on at the next step; reject, and it ends as rejected. The decider is the caller; decision and comment are kept in the job's events, its report's provenance and the audit log. 409 not_awaiting_approval when the job is not waiting.")
            .Produces<JobStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> Decide(HttpContext http, IClusterClient cluster, string id, ApprovalBody? body)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return AnalysisEndpoints.JobNotFound(id);
        }
        var errors = new Dictionary<string, string[]>();
        if (body?.Decision is not { } decision || !ApprovalDecision.Answers.Contains(decision))
        {
            errors["decision"] = [$"One of: {string.Join(", ", ApprovalDecision.Answers)}."];
        }
        if (body?.Comment is { Length: > ApprovalDecision.MaxCommentChars })
        {
            errors["comment"] = [$"At most {ApprovalDecision.MaxCommentChars} characters."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("The decision is not valid; see errors.", errors);
        }
        var comment = string.IsNullOrWhiteSpace(body!.Comment) ? null : body.Comment.Trim();
        var answer = new ApprovalAnswer(body.Decision == ApprovalDecision.Approve, http.User.GetActor(), comment);
        var outcome = await cluster.GetGrain<IAnalysisJob>(JobKey.For(http.User.GetTenantId(), id)).Decide(answer);
        if (outcome is null)
        {
            return AnalysisEndpoints.JobNotFound(id);
        }
        if (!outcome.Decided)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.NotAwaitingApproval, "The job is not awaiting approval",
                $"Job {id} is {outcome.Job.Status.ToWire()}; only a job in awaiting_approval takes a decision.");
        }
        return TypedResults.Ok(JobStatusResponse.From(outcome.Job, null));
    }
}

/// <summary>The body of <c>POST /api/v1/analyses/{id}/approval</c>.</summary>
/// <param name="Decision"><c>approve</c> or <c>reject</c>.</param>
/// <param name="Comment">Why, up to 2,000 characters; kept with the decision.</param>
public sealed record ApprovalBody(string? Decision, string? Comment);
