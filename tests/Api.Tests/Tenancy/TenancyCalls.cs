using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Tests.Tenancy;

/// <summary>A key as issued: its id and the plaintext (shown once).</summary>
public sealed record IssuedKey(string Id, string Key);

/// <summary>Calls of the tenant and key administration API, and test tokens.</summary>
public static class TenancyCalls
{
    public const string Tenants = "/api/v1/tenants";
    public const string Keys = "/api/v1/keys";

    public static string NewTenantId() => "t-" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Creates a tenant as the platform admin (asserts 201); <paramref name="limits"/> is the <c>limits</c> object.</summary>
    public static async Task<JsonElement> CreateTenantAsync(this TenancyNode node, string tenantId, object? limits = null, string status = "active")
    {
        using var response = await node.Platform.PostAsync(Tenants, Bodies.Json(JsonSerializer.Serialize(new { id = tenantId, name = $"Tenant {tenantId}", status, limits })));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 creating {tenantId}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Issues a key through <paramref name="client"/> at <paramref name="path"/> (asserts 201).</summary>
    public static async Task<IssuedKey> IssueKeyAsync(this HttpClient client, string path, string name, string[] scopes, DateTimeOffset? expiresAt = null)
    {
        using var response = await client.PostAsync(path, Bodies.Json(JsonSerializer.Serialize(new { name, scopes, expires_at = expiresAt })));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 issuing a key at {path}, got {(int)response.StatusCode}: {body}");
        var issued = JsonDocument.Parse(body).RootElement;
        return new IssuedKey(issued.GetProperty("id").GetString()!, issued.GetProperty("key").GetString()!);
    }

    /// <summary>A new tenant (with <paramref name="limits"/>) and a key of it with <paramref name="scopes"/>, issued by the platform admin.</summary>
    public static async Task<(string TenantId, IssuedKey Key)> NewTenantWithKeyAsync(this TenancyNode node, object? limits = null, params string[] scopes)
    {
        var tenantId = NewTenantId();
        await node.CreateTenantAsync(tenantId, limits);
        var key = await node.Platform.IssueKeyAsync($"{Tenants}/{tenantId}/keys", "first key",
            scopes.Length > 0 ? scopes : ["admin", "analyses:read", "analyses:write"]);
        return (tenantId, key);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsync(path, Bodies.Json(JsonSerializer.Serialize(body)));

    /// <summary>A signed JWT as the tenant's identity provider would issue it.</summary>
    public static string Token(this TenancyNode node, string tenantId, string[] roles, SecurityKey? key = null, string? audience = null,
        TimeSpan? expiresIn = null, string subject = "user-1", IDictionary<string, object>? extraClaims = null)
    {
        var signing = key ?? node.HmacKey;
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["tenant_id"] = tenantId, ["roles"] = roles };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TenancyNode.Issuer,
            Audience = audience ?? TenancyNode.Audience,
            IssuedAt = expires - TimeSpan.FromMinutes(20),
            NotBefore = expires - TimeSpan.FromMinutes(20),
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signing, signing is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.HmacSha256),
        });
    }
}
