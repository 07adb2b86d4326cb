namespace Actors.Api.Auth;

/// <summary>Scopes an API key can hold, and the authorization policies named after them.</summary>
public static class Scopes
{
    public const string AnalysesWrite = "analyses:write";
    public const string AnalysesRead = "analyses:read";
    public const string Admin = "admin";

    public static IServiceCollection AddActorsAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AnalysesWrite, p => p.RequireClaim(TenantClaims.Scope, AnalysesWrite, Admin))
            .AddPolicy(AnalysesRead, p => p.RequireClaim(TenantClaims.Scope, AnalysesRead, AnalysesWrite, Admin))
            .AddPolicy(Admin, p => p.RequireClaim(TenantClaims.Scope, Admin));
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyDirectory>();
        return services;
    }
}
