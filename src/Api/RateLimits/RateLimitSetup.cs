using Actors.RateLimits;

namespace Actors.Api.RateLimits;

public static class RateLimitSetup
{
    /// <summary>Options from <c>Actors:RateLimits</c>, the per-tenant overrides and the gate.</summary>
    public static IServiceCollection AddActorsRateLimits(this IServiceCollection services, IConfiguration configuration) =>
        services.AddActorsRateLimitGate(configuration);

    /// <summary>After <c>UseAuthorization</c>: only authenticated, authorized requests are counted.</summary>
    public static IApplicationBuilder UseActorsRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
