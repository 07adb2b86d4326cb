using System.Security.Claims;

namespace Actors.Api.Auth;

/// <summary>Claim names the API relies on, and the one way to read the caller's tenant.</summary>
public static class TenantClaims
{
    public const string TenantId = "tenant_id";
    public const string Scope = "scope";

    /// <summary>The caller's tenant, from its credentials: never from the request path or body.</summary>
    public static string GetTenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(TenantId) ?? throw new InvalidOperationException("The request is not authenticated with a tenant.");
}
