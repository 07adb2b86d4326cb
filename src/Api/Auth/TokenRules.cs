namespace Actors.Api.Auth;

/// <summary>
/// What a signature-checked token must satisfy and where its user's tenant, roles and name are read,
/// for one trusted issuer. <paramref name="Tenant"/> set: the issuer's users act in that tenant only and
/// the token's own tenant claim is ignored; null: the tenant is read from <paramref name="TenantClaim"/>.
/// </summary>
public sealed record TokenRules(string? Tenant, string TenantClaim, string RoleClaim, string SubjectClaim, TimeSpan ClockSkew, TimeSpan MaxLifetime);
