using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using Actors.Analyses;
using Actors.Api.Auth;
using Actors.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Actors.Api.Tests.Webhooks;

/// <summary>
/// A real Actors node for the webhook tests, started like <see cref="ActorsNode"/> but with
/// <c>Actors:Webhooks:AllowPrivateTargets</c> on (the receivers listen on loopback) and short retry
/// delays. The shared node keeps the default, and the refusal of private targets is tested there.
/// Every test works in a tenant of its own (<see cref="NewTenantAsync"/>), so webhooks never cross tests.
/// </summary>
public sealed class WebhookNode : IAsyncLifetime
{
    public const int MaxWebhooks = 20;

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentBag<HttpClient> _clients = [];
    private WebApplication? _app;
    private SocketsHttpHandler? _handler;

    public IServiceProvider Services => _app!.Services;

    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        var ports = FreePorts(2);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Actors:Silo:SiloPort={ports[0]}",
            $"--Actors:Silo:GatewayPort={ports[1]}",
            "--Actors:DemoTenant:Enabled=false",
            "--Actors:Webhooks:AllowPrivateTargets=true",
            "--Actors:Webhooks:RetryBaseDelay=00:00:00.050",
            "--Actors:Webhooks:RetryMaxDelay=00:00:01",
            // Long enough that a blocked receiver is still blocked when the test looks.
            "--Actors:Webhooks:AttemptTimeout=00:00:30",
            $"--Actors:Webhooks:MaxWebhooksPerTenant={MaxWebhooks}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ];
        _app = ActorsApi.Build(args, builder => builder.Services.AddSingleton<IAnalysis, GatedAnalysis>());
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A new tenant and a client whose key holds <paramref name="scopes"/> (all three by default).</summary>
    public async Task<(string TenantId, HttpClient Client)> NewTenantAsync(params string[] scopes)
    {
        var tenantId = "wt" + Guid.NewGuid().ToString("N")[..12];
        return (tenantId, await NewClientAsync(tenantId, scopes));
    }

    /// <summary>A client with a new key of <paramref name="tenantId"/>.</summary>
    public async Task<HttpClient> NewClientAsync(string tenantId, params string[] scopes)
    {
        var key = "ak_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        string[] granted = scopes.Length > 0 ? scopes : [Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin];
        await Cluster.GetGrain<IApiKey>(ApiKeyHash.Of(key)).Register(new ApiKeyInfo(tenantId, "webhook test", "ak_test", granted, DateTimeOffset.UtcNow, false));
        var client = new HttpClient(_handler!, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = ClientTimeout };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        _clients.Add(client);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        _handler?.Dispose();
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookNodeCollection : ICollectionFixture<WebhookNode>
{
    public const string Name = "Webhook node";
}
