using Actors.Api.Audit;
using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Tenants;

namespace Actors.Api.Tenancy;

/// <summary>
/// API keys: <c>/api/v1/keys</c> for a tenant's admin (its own keys), <c>/api/v1/tenants/{id}/keys</c>
/// for the platform operator (any tenant's, e.g. its first key). The plaintext is answered once, at issue.
/// </summary>
public static class KeyEndpoints
{
    public const string Path = "/api/v1/keys";
    private const int MaxNameLength = 100;
    private static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup(Path).WithTags("API keys").RequireAuthorization(Scopes.Admin);
        own.MapGet("/", (HttpContext http, IClusterClient cluster, TimeProvider time) => List(http.User.GetTenantId(), cluster, time))
            .WithSummary("List the tenant's API keys").WithDescription("Prefix, name, scopes, status (active, revoked, expired), created, expires and last used (reported within a minute). Never a plaintext.")
            .Produces<KeyListResponse>();
        own.MapPost("/", (HttpContext http, KeyCreateBody? body, IClusterClient cluster, TimeProvider time) => Issue(http.User.GetTenantId(), body, cluster, time)).Audited("key.create")
            .WithSummary("Issue an API key").WithDescription("Answers the plaintext key once; only its SHA-256 is stored.")
            .Produces<IssuedKeyResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        own.MapDelete("/{keyId}", (HttpContext http, string keyId, IClusterClient cluster, ApiKeyDirectory directory, TimeProvider time) =>
                Revoke(http.User.GetTenantId(), keyId, cluster, directory, time)).Audited("key.revoke")
            .WithSummary("Revoke an API key").WithDescription("Refused at once by this node and within Actors:Auth:KeyCacheLifetime (5 s by default) by every other.")
            .Produces<KeyResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        own.MapPost("/{keyId}/rotate", (HttpContext http, string keyId, KeyRotateBody? body, IClusterClient cluster, ApiKeyDirectory directory, IOptions<AuthOptions> options, TimeProvider time) =>
                Rotate(http.User.GetTenantId(), keyId, body, cluster, directory, options.Value, time)).Audited("key.rotate")
            .WithSummary("Rotate an API key").WithDescription("Issues a new key with the same name and scopes; the old one keeps working for the grace period.")
            .Produces<IssuedKeyResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var platform = app.MapGroup("/api/v1/tenants/{tenantId}/keys").WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        platform.MapGet("/", async (string tenantId, IClusterClient cluster, TimeProvider time) =>
                await TenantNotFound(tenantId, cluster) ?? await List(tenantId, cluster, time))
            .WithSummary("List a tenant's API keys").Produces<KeyListResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        platform.MapPost("/", async (string tenantId, KeyCreateBody? body, IClusterClient cluster, TimeProvider time) =>
                await TenantNotFound(tenantId, cluster) ?? await Issue(tenantId, body, cluster, time)).Audited("key.create")
            .WithSummary("Issue an API key to a tenant").WithDescription("How a new tenant gets its first (admin) key. Answers the plaintext once.")
            .Produces<IssuedKeyResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        platform.MapDelete("/{keyId}", async (string tenantId, string keyId, IClusterClient cluster, ApiKeyDirectory directory, TimeProvider time) =>
                await TenantNotFound(tenantId, cluster) ?? await Revoke(tenantId, keyId, cluster, directory, time)).Audited("key.revoke")
            .WithSummary("Revoke a tenant's API key").Produces<KeyResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        platform.MapPost("/{keyId}/rotate", async (string tenantId, string keyId, KeyRotateBody? body, IClusterClient cluster, ApiKeyDirectory directory, IOptions<AuthOptions> options, TimeProvider time) =>
                await TenantNotFound(tenantId, cluster) ?? await Rotate(tenantId, keyId, body, cluster, directory, options.Value, time)).Audited("key.rotate")
            .WithSummary("Rotate a tenant's API key").Produces<IssuedKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> List(string tenantId, IClusterClient cluster, TimeProvider time)
    {
        var keys = await cluster.GetGrain<ITenantKeys>(tenantId).List();
        var now = time.GetUtcNow();
        return TypedResults.Ok(new KeyListResponse(keys.Select(k => KeyResponse.From(k, now)).ToList()));
    }

    private static async Task<IResult> Issue(string tenantId, KeyCreateBody? body, IClusterClient cluster, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var name = body?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"Required, at most {MaxNameLength} characters."];
        }
        var scopes = body?.Scopes?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        if (scopes.Count == 0 || scopes.Any(s => !Scopes.TenantScopes.Contains(s)))
        {
            errors["scopes"] = [$"One or more of: {string.Join(", ", Scopes.TenantScopes)}."];
        }
        if (body?.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            errors["expires_at"] = ["A time in the future."];
        }
        if (body?.Mode is not (null or "live" or "test"))
        {
            errors["mode"] = ["live or test."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("Some fields are missing or not valid; see errors.", errors);
        }

        var plaintext = ApiKeyHash.NewPlaintext(test: body!.Mode == "test");
        var entry = NewEntry(plaintext, name!, scopes, body.ExpiresAt, now);
        var listing = await cluster.GetGrain<ITenantKeys>(tenantId).Add(entry);
        if (listing is null)
        {
            return KeysFull();
        }
        return TypedResults.Json(new IssuedKeyResponse(entry.KeyId, plaintext, entry.Prefix, entry.Name, entry.Scopes, entry.CreatedAt, entry.ExpiresAt, null),
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Revoke(string tenantId, string keyId, IClusterClient cluster, ApiKeyDirectory directory, TimeProvider time)
    {
        var revoked = await cluster.GetGrain<ITenantKeys>(tenantId).Revoke(keyId);
        if (revoked is null)
        {
            return KeyNotFound(keyId);
        }
        directory.Forget(keyId);
        return TypedResults.Ok(KeyResponse.From(revoked, time.GetUtcNow()));
    }

    private static async Task<IResult> Rotate(string tenantId, string keyId, KeyRotateBody? body, IClusterClient cluster, ApiKeyDirectory directory, AuthOptions options, TimeProvider time)
    {
        var grace = body?.GracePeriodSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.RotationGracePeriod;
        if (grace < TimeSpan.Zero || grace > MaxGracePeriod)
        {
            return Problem.Validation("The grace period is not valid.",
                new Dictionary<string, string[]> { ["grace_period_seconds"] = [$"From 0 to {(int)MaxGracePeriod.TotalSeconds}."] });
        }
        var keys = cluster.GetGrain<ITenantKeys>(tenantId);
        var now = time.GetUtcNow();
        var old = (await keys.List()).FirstOrDefault(k => k.KeyId == keyId);
        if (old is null)
        {
            return KeyNotFound(keyId);
        }
        if (old.Revoked || old.ExpiresAt <= now)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.KeyNotActive, "The key is not active",
                $"Key '{keyId}' is {(old.Revoked ? "revoked" : "expired")}; issue a new key instead.");
        }

        var plaintext = ApiKeyHash.NewPlaintext(test: old.Prefix.StartsWith(ApiKeyHash.TestPrefix, StringComparison.Ordinal));
        var entry = NewEntry(plaintext, old.Name, old.Scopes, old.ExpiresAt, now);
        var oldEnds = old.ExpiresAt is { } ends && ends < now + grace ? ends : now + grace;
        var rotated = await keys.Rotate(keyId, entry, oldEnds);
        if (rotated is null)
        {
            return KeysFull();
        }
        directory.Forget(keyId);
        return TypedResults.Json(new IssuedKeyResponse(entry.KeyId, plaintext, entry.Prefix, entry.Name, entry.Scopes, entry.CreatedAt, entry.ExpiresAt,
            new RotatedKeyResponse(keyId, oldEnds)), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Only the hash and a displayable prefix of <paramref name="plaintext"/> leave this method.</summary>
    internal static ApiKeyEntry NewEntry(string plaintext, string name, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        new("key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), ApiKeyHash.Of(plaintext), ApiKeyHash.PrefixOf(plaintext),
            name, scopes, now, expiresAt, Revoked: false);

    private static async Task<IResult?> TenantNotFound(string tenantId, IClusterClient cluster) =>
        TenantIds.IsWellFormed(tenantId) && await cluster.GetGrain<ITenant>(tenantId).Get() is not null
            ? null
            : Problem.NotFound($"No tenant '{tenantId}'.");

    private static IResult KeyNotFound(string keyId) => Problem.NotFound($"No API key '{keyId}' for this tenant.");

    private static IResult KeysFull() =>
        Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.LimitReached, "Too many keys",
            $"The tenant already has {ITenantKeys.Capacity} active keys; revoke one first.");
}
