using System.Security.Claims;

namespace Actors.Api.Auth;

/// <summary>Claim names the API relies on, and the one way to read the caller's tenant.</summary>
public static class TenantClaims
{
    public const string TenantId = "tenant_id";
    public const string Scope = "scope";

    /// <summary>Who acted, for the audit log: <c>key:{key id}</c> for an API key, <c>user:{subject}</c> for a JWT user.</summary>
    public const string Actor = "actor";

    /// <summary>The caller's tenant, from its credentials: never from the request path or body.</summary>
    public static string GetTenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(TenantId) ?? throw new InvalidOperationException("The request is not authenticated with a tenant.");

    /// <summary>Who is calling, as the audit log names them; never a secret.</summary>
    public static string GetActor(this ClaimsPrincipal user) =>
        user.FindFirstValue(Actor) ?? user.Identity?.Name ?? "anonymous";
}
