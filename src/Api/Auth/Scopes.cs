using Actors.Api.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Api.Auth;

/// <summary>
/// Scopes an API key can hold (a JWT user's roles are mapped onto them), and the authorization
/// policies named after them. <c>admin</c> is a tenant's admin (its own keys, agents, teams,
/// webhooks); <c>platform:admin</c> is the platform operator (tenants), held by no tenant's key.
/// </summary>
public static class Scopes
{
    public const string AnalysesWrite = "analyses:write";
    public const string AnalysesRead = "analyses:read";
    public const string Admin = "admin";
    public const string PlatformAdmin = "platform:admin";

    /// <summary>Scopes a tenant's key may be issued with.</summary>
    public static readonly IReadOnlyList<string> TenantScopes = [AnalysesWrite, AnalysesRead, Admin];

    /// <summary>The default scheme: X-API-Key when that header is sent, else a bearer token when one is sent (and JWTs are configured; checked by its issuer's scheme, <see cref="TrustedIssuers"/>), else the console's session cookie when one is sent, else X-API-Key's challenge.</summary>
    public const string CredentialsScheme = "Credentials";

    public static IServiceCollection AddActorsAuthorization(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        var issuers = TrustedIssuers.From(configuration, environment.IsDevelopment());
        services.AddSingleton(issuers);
        var authentication = services.AddAuthentication(CredentialsScheme)
            .AddPolicyScheme(CredentialsScheme, "API key, bearer token or console session", options => options.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName
                : issuers.AcceptsTokens && TrustedIssuers.BearerTokenOf(http.Request) is { } token ? issuers.SchemeFor(token)
                : http.Request.Headers.Authorization.Count == 0 && http.Request.Cookies.ContainsKey(WebConsole.ConsoleSessions.CookieName) ? WebConsole.ConsoleSessions.Scheme
                : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options => JwtUsers.Configure(options, issuers.FileKeys, issuers));
        for (var i = 0; i < issuers.Providers.Count; i++)
        {
            var provider = issuers.Providers[i];
            authentication.AddJwtBearer(TrustedIssuers.SchemeOf(i), options => JwtUsers.Configure(options, provider, environment.IsDevelopment()));
            // After JwtBearer made its configuration manager: a key the provider removed must stop working once the new
            // set is fetched, not live on for an hour as part of the "last known good" configuration.
            services.PostConfigure<JwtBearerOptions>(TrustedIssuers.SchemeOf(i), options =>
            {
                if (options.ConfigurationManager is Microsoft.IdentityModel.Tokens.BaseConfigurationManager manager)
                {
                    manager.UseLastKnownGoodConfiguration = false;
                }
            });
        }
        services.AddAuthorizationBuilder()
            // An endpoint that names no policy needs credentials all the same; the public ones say AllowAnonymous.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AnalysesWrite, p => p.RequireClaim(TenantClaims.Scope, AnalysesWrite, Admin))
            .AddPolicy(AnalysesRead, p => p.RequireClaim(TenantClaims.Scope, AnalysesRead, AnalysesWrite, Admin))
            .AddPolicy(Admin, p => p.RequireClaim(TenantClaims.Scope, Admin))
            .AddPolicy(PlatformAdmin, p => p.RequireClaim(TenantClaims.Scope, PlatformAdmin));
        services.AddSingleton<GrantCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BootstrapAdmin>();
        services.AddSingleton<KeyUsage>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyUsage>());
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<TenantDirectory>();
        return services;
    }
}
