using Actors.Api.Auth;
using Actors.Silo;
using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;

namespace Actors.Api.Dashboard;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, in every mode behind credentials given as <c>X-API-Key</c>
/// or as the password of HTTP Basic credentials: the platform admin key, and where
/// <see cref="DashboardSettings.RequireAdmin"/> is off (Development, the embedded default) also the
/// demo tenant's admin key. A node reachable on a network is never an open window on every tenant's grains.
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
                // The dashboard shows every tenant's grains: the platform operator, or on a local node the demo tenant's admin (the newcomer running it).
                .RequireAssertion(context => context.User.HasClaim(TenantClaims.Scope, Scopes.PlatformAdmin)
                    || (context.Resource is HttpContext http
                        && http.RequestServices.GetRequiredService<IOptions<DashboardSettings>>().Value.RequireAdmin == false
                        && context.User.HasClaim(TenantClaims.TenantId, Hosting.DemoTenant.TenantId)
                        && context.User.HasClaim(TenantClaims.Scope, Scopes.Admin))));
        return builder;
    }

    /// <summary>Maps the dashboard's page, assets and data endpoints; none of them belongs in the API's OpenAPI document.</summary>
    public static IEndpointConventionBuilder MapActorsDashboard(this WebApplication app)
    {
        return app.MapOrleansDashboard(Path).ExcludeFromDescription().RequireAuthorization(PolicyName);
    }
}
