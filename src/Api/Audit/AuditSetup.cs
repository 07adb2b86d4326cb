using Actors.Audit;
using Actors.Silo;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Audit;

public static class AuditSetup
{
    /// <summary>The node's audit writer; register after UseOrleans so it stops (and drains) before the co-hosted silo.</summary>
    public static IServiceCollection AddActorsAuditWriter(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton(provider => new AuditSpill(SpillFolder(
            provider.GetRequiredService<IOptions<AuditOptions>>().Value, ClusterSettings.From(configuration).Mode, provider.GetRequiredService<IHostEnvironment>())));
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        return services;
    }

    public static IApplicationBuilder UseAuditLog(this IApplicationBuilder app) => app.UseMiddleware<AuditRecorder>();

    /// <summary>Where unstored entries are kept: as configured; in production by default under the content root; else nowhere.</summary>
    private static string? SpillFolder(AuditOptions options, ClusterMode mode, IHostEnvironment environment) =>
        !string.IsNullOrWhiteSpace(options.SpillPath) ? options.SpillPath
        : mode == ClusterMode.Production ? Path.Combine(environment.ContentRootPath, ".actors", "audit-spill")
        : null;
}
