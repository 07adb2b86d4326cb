using System.Security.Cryptography;
using Actors.Analyses;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Tests.Tenancy;

/// <summary>
/// A node with tenant administration on: a bootstrap admin key, JWT users (HS256 secret and an RS256
/// JWKS file) and last-use reports every 200 ms. Tests create their own tenants through the API.
/// </summary>
public sealed class TenancyNode : IAsyncLifetime
{
    public const string Issuer = "https://idp.example.test";
    public const string Audience = "actors-api";
    public const string RsaKeyId = "test-rsa-1";

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    private readonly string _jwksFile = Path.Combine(Path.GetTempPath(), $"actors-jwks-{Guid.NewGuid():N}.json");
    private TestNode? _node;

    public string BootstrapKey { get; } = "platform-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string DemoKey { get; } = TestNode.NewKey();

    /// <summary>The HS256 secret the node trusts.</summary>
    public SymmetricSecurityKey HmacKey => new(Encoding.UTF8.GetBytes(SigningSecret));

    /// <summary>The RS256 key whose public half is in the node's JWKS file.</summary>
    public RsaSecurityKey RsaKey { get; } = new(RSA.Create(2048)) { KeyId = RsaKeyId };

    public TestNode Node => _node!;

    /// <summary>Sends the bootstrap admin key (platform:admin).</summary>
    public HttpClient Platform { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var parameters = RsaKey.Rsa.ExportParameters(includePrivateParameters: false);
        await File.WriteAllTextAsync(_jwksFile, JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = RsaKeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        }));
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            $"--Actors:Auth:BootstrapAdminKey={BootstrapKey}",
            "--Actors:Auth:LastUsedFlushInterval=00:00:00.200",
            $"--Actors:Auth:Jwt:Issuer={Issuer}",
            $"--Actors:Auth:Jwt:Audience={Audience}",
            $"--Actors:Auth:Jwt:SigningKey={SigningSecret}",
            $"--Actors:Auth:Jwt:JwksFile={_jwksFile}",
            "--Actors:Api:MaxRequestBodyBytes=65536",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder => builder.Services.AddSingleton<IAnalysis, GatedAnalysis>());
        Platform = NewClient(BootstrapKey);
        Anonymous = NewClient(null);
    }

    /// <summary>The node's HS256 secret as configured (UTF-8 text).</summary>
    public string SigningSecret { get; } = "hs256-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public HttpClient NewClient(string? apiKey) => _node!.NewClient(apiKey, ClientTimeout);

    /// <summary>A client sending <c>Authorization: Bearer {token}</c>.</summary>
    public HttpClient NewBearerClient(string token)
    {
        var client = _node!.NewClient(null, ClientTimeout);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        // Not Gates.OpenAll(): collections run in parallel, and opening every gate would release other
        // collections' jobs mid-test. A step still blocked here is cancelled when the node stops its grains.
        Platform?.Dispose();
        Anonymous?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        File.Delete(_jwksFile);
    }
}

[CollectionDefinition(Name)]
public sealed class TenancyNodeCollection : ICollectionFixture<TenancyNode>
{
    public const string Name = "Tenancy node";
}
