using Actors.Audit;

namespace Actors.Api.Audit;

public static class AuditSetup
{
    /// <summary>The node's audit writer; register after UseOrleans so it stops (and drains) before the co-hosted silo.</summary>
    public static IServiceCollection AddActorsAuditWriter(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        return services;
    }

    public static IApplicationBuilder UseAuditLog(this IApplicationBuilder app) => app.UseMiddleware<AuditRecorder>();
}
