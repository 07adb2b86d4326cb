using Actors.Api.Auth;
using Actors.Api.Problems;

namespace Actors.Api.Tenancy;

/// <summary>
/// Refuses every request of a suspended tenant's keys and users with 403 <c>tenant_suspended</c>,
/// before any endpoint runs. Requests without a tenant (anonymous, the platform admin) pass.
/// </summary>
public static class TenantStatusCheck
{
    public static IApplicationBuilder UseTenantStatusCheck(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var tenantId = http.User.FindFirst(TenantClaims.TenantId)?.Value;
            if (tenantId is not null)
            {
                var policy = await http.RequestServices.GetRequiredService<TenantDirectory>().GetAsync(tenantId);
                if (policy.IsSuspended)
                {
                    await AuthProblems.WriteAsync(http, StatusCodes.Status403Forbidden, ProblemCodes.TenantSuspended, "Tenant suspended",
                        $"Tenant '{tenantId}' is suspended: its requests are refused and its queued jobs wait until the platform operator resumes it.");
                    return;
                }
            }
            await next(http);
        });
}
