using Actors.Api.Auth;
using Actors.Api.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Actors.Api.Security;

public static class SecuritySetup
{
    /// <summary>The default CORS policy: the configured origins (none by default) with the API's methods and headers.</summary>
    public static IServiceCollection AddActorsCors(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(CorsSettings.Section).Get<CorsSettings>() ?? new CorsSettings();
        var origins = settings.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (origins.Length == 0)
            {
                return; // No origin matches: browsers get no Access-Control-Allow-Origin and refuse the answer.
            }
            policy.WithOrigins(origins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
                .WithHeaders(ApiKeyAuthenticationHandler.Header, "Content-Type", "Idempotency-Key", "Last-Event-ID", RequestIdMiddleware.Header, "Authorization")
                .WithExposedHeaders(RequestIdMiddleware.Header, "Location", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
        return services;
    }

    /// <summary>Security headers on every answer, then CORS (before authentication, so a preflight needs no key).</summary>
    public static IApplicationBuilder UseActorsSecurity(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeaders>().UseCors();
}
