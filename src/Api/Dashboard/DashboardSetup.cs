using Actors.Api.Auth;
using Actors.Silo;
using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;

namespace Actors.Api.Dashboard;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>. Open where only the person running the node can reach
/// it (Development, and the embedded default: one local process with in-memory state); elsewhere
/// behind the admin scope, given as <c>X-API-Key</c> or as the password of HTTP Basic credentials.
/// </summary>
public static class DashboardSetup
{
    public const string Path = "/dashboard";

    /// <summary>The scheme the dashboard's policy authenticates with: X-API-Key when sent, else Basic (whose challenge makes browsers prompt).</summary>
    public const string SchemeName = "Dashboard";

    public const string PolicyName = "dashboard";

    public static WebApplicationBuilder AddActorsDashboard(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var configuration = builder.Configuration;
        builder.Services.AddOptions<DashboardSettings>()
            .Bind(configuration.GetSection(DashboardSettings.Section))
            .PostConfigure(settings =>
            {
                var embedded = ClusterSettings.From(configuration).Mode == ClusterMode.Embedded;
                settings.RequireAdmin ??= !(environment.IsDevelopment() || embedded);
                settings.Trace ??= environment.IsDevelopment();
            });

        // The dashboard's own options, read by the co-hosted silo (and by an API node that is only a client).
        builder.Services.AddOptions<Orleans.Dashboard.DashboardOptions>()
            .Configure<IOptions<DashboardSettings>>((dashboard, settings) => dashboard.HideTrace = settings.Value.Trace != true);
        builder.Services.AddOptions<GrainProfilerOptions>()
            .Configure<IOptions<DashboardSettings>>((profiler, settings) => profiler.TraceAlways = settings.Value.Trace == true);

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DashboardBasicAuthentication>(DashboardBasicAuthentication.SchemeName, null)
            .AddPolicyScheme(SchemeName, "API key or HTTP Basic", options => options.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : DashboardBasicAuthentication.SchemeName);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy
                .AddAuthenticationSchemes(SchemeName)
                // The dashboard shows every tenant's grains: only the platform operator, never a tenant's admin.
                .RequireClaim(TenantClaims.Scope, Scopes.PlatformAdmin));
        return builder;
    }

    /// <summary>Maps the dashboard's page, assets and data endpoints; none of them belongs in the API's OpenAPI document.</summary>
    public static IEndpointConventionBuilder MapActorsDashboard(this WebApplication app)
    {
        var dashboard = app.MapOrleansDashboard(Path).ExcludeFromDescription();
        if (app.Services.GetRequiredService<IOptions<DashboardSettings>>().Value.RequireAdmin == true)
        {
            dashboard.RequireAuthorization(PolicyName);
        }
        else
        {
            // Named as open, past the fallback policy that closes every endpoint that does not say.
            dashboard.AllowAnonymous();
        }
        return dashboard;
    }
}
