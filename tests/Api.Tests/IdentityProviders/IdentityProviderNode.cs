using Actors.Tenants;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Tests.IdentityProviders;

/// <summary>
/// A node trusting three realms of one loopback OpenID provider, each mapped to its own tenant:
/// <c>a</c> (ES256 key), <c>b</c> (RSA key, PS256 and RS256) and <c>rotating</c> (ES256, rotated by a test).
/// </summary>
public sealed class IdentityProviderNode : IAsyncLifetime
{
    public const string Audience = "actors-api";

    public string TenantA { get; } = Tenancy.TenancyCalls.NewTenantId();
    public string TenantB { get; } = Tenancy.TenancyCalls.NewTenantId();
    public string TenantRotating { get; } = Tenancy.TenancyCalls.NewTenantId();

    public ECDsaSecurityKey KeyA { get; } = LoopbackProvider.NewEcKey("a-1");
    public RsaSecurityKey KeyB { get; } = LoopbackProvider.NewRsaKey("b-1");
    public ECDsaSecurityKey FirstRotatingKey { get; } = LoopbackProvider.NewEcKey("rotating-1");

    public LoopbackProvider Provider { get; private set; } = null!;
    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await LoopbackProvider.StartAsync();
        Provider.Publish("a", KeyA);
        Provider.Publish("b", KeyB);
        Provider.Publish("rotating", FirstRotatingKey);
        var settings = new List<string> { "--Serilog:MinimumLevel:Default=Warning", "--Serilog:MinimumLevel:Override:Orleans=Error" };
        var realms = new[] { ("a", TenantA), ("b", TenantB), ("rotating", TenantRotating) };
        for (var i = 0; i < realms.Length; i++)
        {
            var (realm, tenant) = realms[i];
            var at = $"--Actors:Auth:Issuers:{i}:";
            settings.AddRange([$"{at}Issuer={Provider.IssuerOf(realm)}", $"{at}Authority={Provider.IssuerOf(realm)}", $"{at}Audience={Audience}",
                $"{at}Tenant={tenant}", $"{at}RequireHttpsMetadata=false", $"{at}KeyRefreshInterval=00:00:01"]);
        }
        Node = await TestNode.StartAsync(settings);
        foreach (var (_, tenant) in realms)
        {
            await Node.Cluster.GetGrain<ITenant>(tenant).Ensure(tenant);
        }
    }

    public HttpClient Bearer(string token)
    {
        var client = Node.NewClient(null, TimeSpan.FromSeconds(60));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}
