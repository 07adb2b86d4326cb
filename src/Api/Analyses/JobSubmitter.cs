using System.Security.Cryptography;
using System.Text;
using Actors.Api.Teams;
using Actors.Api.Problems;
using Actors.Jobs;
using Actors.Tenants;

namespace Actors.Api.Analyses;

/// <summary>
/// The one path a validated analysis request takes into the cluster, whether it came to
/// <c>POST /api/v1/analyses</c> or in a conversation's message: callback target check, team,
/// <c>Idempotency-Key</c>, the tenant's queue depth and monthly job quota, then the job grain.
/// </summary>
public sealed class JobSubmitter(TeamDirectory teams, IClusterClient cluster, TimeProvider time, IOptions<QueueOptions> queue, ILogger<SubmissionReader> logger)
{
    public async Task<(SubmittedResponse? Submitted, IResult? Problem)> SubmitAsync(HttpContext http, TenantPolicy tenant, AnalysisRequest request, string? teamName)
    {
        var tenantId = tenant.TenantId;
        var (prepared, refused) = await PrepareAsync(http, tenantId, request, teamName);
        if (refused is not null)
        {
            return (null, refused);
        }
        request = prepared!;

        var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 255)
        {
            return (null, Problem.Validation("The Idempotency-Key header is too long.",
                new Dictionary<string, string[]> { ["Idempotency-Key"] = ["At most 255 characters."] }));
        }

        if (await Actors.Api.Tenancy.TenantQuotas.RefuseWhenQueueFullAsync(http, cluster, tenantId, queue.Value) is { } queueFull)
        {
            return (null, queueFull);
        }
        if (await Actors.Api.Tenancy.TenantQuotas.CountJobAsync(http, cluster, tenant, time) is { } overQuota)
        {
            return (null, overQuota);
        }

        SubmitOutcome outcome;
        if (idempotencyKey.Length == 0)
        {
            var jobId = JobIds.New();
            outcome = await cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, jobId)).SubmitNew(request);
        }
        else
        {
            var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
            var bound = await cluster.GetGrain<IIdempotencyKey>(JobKey.For(tenantId, keyHash)).Submit(JobIds.New(), request);
            if (bound is null)
            {
                await Actors.Api.Tenancy.TenantQuotas.UncountJobAsync(cluster, tenantId, time);
                return (null, Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused, "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request. Use a new key for a new request."));
            }
            outcome = bound;
        }

        if (!outcome.Created)
        {
            await Actors.Api.Tenancy.TenantQuotas.UncountJobAsync(cluster, tenantId, time);
        }
        var job = outcome.Job;
        logger.LogInformation("Tenant {TenantId} submitted job {JobId} ({AnalysisType}); new: {Created}", tenantId, job.JobId, job.Type, outcome.Created);
        var statusUrl = $"/api/v1/analyses/{job.JobId}";
        return (new SubmittedResponse(job.JobId, job.Status.ToWire(), outcome.PositionInQueue, statusUrl, $"{statusUrl}/events", $"{statusUrl}/result"), null);
    }

    /// <summary>
    /// What every submission passes before a job exists, a batch's items too: the callback target check, and the
    /// team, fixed into the request so a job resumed later runs the plan it was accepted with.
    /// </summary>
    public async Task<(AnalysisRequest? Request, IResult? Problem)> PrepareAsync(HttpContext http, string tenantId, AnalysisRequest request, string? teamName)
    {
        if (await Actors.Api.Webhooks.CallbackTargets.RefuseAsync(http, request.CallbackUrl) is { } refused)
        {
            return (null, refused);
        }
        if (teamName is null)
        {
            return (request, null);
        }
        var team = await teams.FindAsync(tenantId, teamName);
        if (team is null || team.Value.Template.AnalysisType != request.Type)
        {
            var why = team is null
                ? $"No team '{teamName}' for this tenant; GET /api/v1/teams lists them."
                : $"Team '{teamName}' runs {team.Value.Template.AnalysisType}, not {request.Type}.";
            return (null, Problem.Validation(why, new Dictionary<string, string[]> { ["team"] = [why] }));
        }
        return (request with { TeamJson = team.Value.Template.ToJson() }, null);
    }
}
