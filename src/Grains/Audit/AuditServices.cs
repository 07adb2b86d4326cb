using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Audit;

public static class AuditServices
{
    /// <summary>Binds <see cref="AuditOptions"/> for the audit grains and the API's writer.</summary>
    public static IServiceCollection AddActorsAudit(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
}
