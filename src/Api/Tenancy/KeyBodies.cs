namespace Actors.Api.Tenancy;

/// <summary>The body of <c>POST /api/v1/keys</c>: a name, the scopes, an optional expiry and the kind (<c>live</c> or <c>test</c>, a label in the key's prefix).</summary>
public sealed record KeyCreateBody(string? Name, List<string>? Scopes, DateTimeOffset? ExpiresAt, string? Mode);

/// <summary>The body of <c>POST /api/v1/keys/{id}/rotate</c>: how long the old key keeps working (default <c>Actors:Auth:RotationGracePeriod</c>).</summary>
public sealed record KeyRotateBody(int? GracePeriodSeconds);
