using System.Security.Claims;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.RateLimits;

namespace Actors.Api.RateLimits;

/// <summary>
/// Runs after authorization: an authenticated request to a limited endpoint takes a token from its
/// caller's bucket and its tenant's bucket (<see cref="RateLimitGate"/>), answers carry the
/// <c>X-RateLimit-*</c> headers, and a refusal is 429 <c>rate_limited</c> with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RateLimitGate gate, ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!gate.Enabled
            || RateLimitMetadata.PolicyOf(http.GetEndpoint()) is not { } policy
            || http.User.FindFirstValue(TenantClaims.TenantId) is not { } tenantId)
        {
            await next(http);
            return;
        }

        var caller = http.User.GetActor();
        var verdict = await gate.CheckAsync(tenantId, caller, policy, http.RequestAborted);
        RateLimitHeaders.Write(http.Response, verdict.Decision);
        if (verdict.Admitted)
        {
            await next(http);
            return;
        }

        var retryAfter = RateLimitHeaders.RetryAfterSeconds(verdict.Decision);
        logger.LogInformation("Tenant {TenantId} refused by the {RateLimitPolicy} rate limit of its {RateLimitScope} ({Limit}/min); retry after {RetryAfterSeconds} s",
            tenantId, policy.ToWire(), verdict.Scope, verdict.Decision.Limit, retryAfter);
        var whose = verdict.Scope == RateLimitScope.Tenant ? "This tenant's"
            : caller.StartsWith("key:", StringComparison.Ordinal) ? "This API key's" : "This user's";
        await Problem.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests",
            $"{whose} {policy.ToWire()} limit of {verdict.Decision.Limit} requests per minute is used up; retry in {retryAfter} s.",
            new Dictionary<string, object?>
            {
                ["policy"] = policy.ToWire(),
                ["scope"] = verdict.Scope == RateLimitScope.Tenant ? "tenant" : "key",
                ["retry_after"] = retryAfter,
            }).ExecuteAsync(http);
    }
}
