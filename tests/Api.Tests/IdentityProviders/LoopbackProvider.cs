using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Tests.IdentityProviders;

/// <summary>
/// An OpenID provider on loopback as the node sees one: per realm, a discovery document
/// (<c>/{realm}/.well-known/openid-configuration</c>) and a JWKS (<c>/{realm}/jwks</c>) whose keys
/// the test generates, signs with and replaces (rotation). Counts the JWKS fetches of each realm.
/// </summary>
public sealed class LoopbackProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Realm> _realms = new(StringComparer.Ordinal);

    private LoopbackProvider(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LoopbackProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new LoopbackProvider(app);
        app.MapGet("/{realm}/.well-known/openid-configuration", (string realm) =>
            provider._realms.TryGetValue(realm, out var r) ? Results.Text(provider.DiscoveryOf(realm), "application/json") : Results.NotFound());
        app.MapGet("/{realm}/jwks", (string realm) =>
            provider._realms.TryGetValue(realm, out var r) ? Results.Text(r.Jwks(), "application/json") : Results.NotFound());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>The issuer (and authority) of <paramref name="realm"/>: <c>http://127.0.0.1:{port}/{realm}</c>.</summary>
    public string IssuerOf(string realm) => new Uri(BaseAddress, realm).ToString();

    /// <summary>Publishes <paramref name="key"/> as the realm's only signing key (creating the realm).</summary>
    public void Publish(string realm, SecurityKey key) => _realms[realm] = new Realm(key);

    /// <summary>How many times the node fetched the realm's keys.</summary>
    public int JwksFetches(string realm) => _realms[realm].Fetches;

    /// <summary>A token from <paramref name="issuer"/> for the node's audience, signed with <paramref name="key"/>.</summary>
    public static string Token(string issuer, SecurityKey key, string algorithm, string subject = "user-1", string[]? roles = null,
        IDictionary<string, object>? extraClaims = null, string audience = IdentityProviderNode.Audience)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = roles ?? ["admin"] };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    public static ECDsaSecurityKey NewEcKey(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    public static RsaSecurityKey NewRsaKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private string DiscoveryOf(string realm) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = IssuerOf(realm),
        ["jwks_uri"] = IssuerOf(realm) + "/jwks",
        ["id_token_signing_alg_values_supported"] = new[] { "RS256", "PS256", "ES256" },
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One realm's current public key.</summary>
    private sealed class Realm(SecurityKey key)
    {
        private int _fetches;

        public int Fetches => Volatile.Read(ref _fetches);

        public string Jwks()
        {
            Interlocked.Increment(ref _fetches);
            return JsonSerializer.Serialize(new { keys = new[] { PublicJwk(key) } });
        }

        private static Dictionary<string, string> PublicJwk(SecurityKey key) => key switch
        {
            ECDsaSecurityKey ec => EcJwk(ec),
            RsaSecurityKey rsa => RsaJwk(rsa),
            _ => throw new NotSupportedException(key.GetType().Name),
        };

        private static Dictionary<string, string> EcJwk(ECDsaSecurityKey key)
        {
            var p = key.ECDsa.ExportParameters(includePrivateParameters: false);
            return new() { ["kty"] = "EC", ["use"] = "sig", ["crv"] = "P-256", ["kid"] = key.KeyId, ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
        }

        // No "alg": the one RSA key serves RS256 and PS256, as providers that publish RSA keys for both do.
        private static Dictionary<string, string> RsaJwk(RsaSecurityKey key)
        {
            var p = key.Rsa.ExportParameters(includePrivateParameters: false);
            return new() { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = key.KeyId, ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        }
    }
}
