using System.Collections.Concurrent;
using Actors.Analyses;
using Actors.Api.Auth;
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
    private TestNode? _node;

    public IServiceProvider Services => _node!.Services;

    public IClusterClient Cluster => _node!.Cluster;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            "--Actors:DemoTenant:Enabled=false",
            "--Actors:Webhooks:AllowPrivateTargets=true",
            "--Actors:Webhooks:RetryBaseDelay=00:00:00.050",
            "--Actors:Webhooks:RetryMaxDelay=00:00:01",
            // Long enough that a blocked receiver is still blocked when the test looks.
            "--Actors:Webhooks:AttemptTimeout=00:00:30",
            $"--Actors:Webhooks:MaxWebhooksPerTenant={MaxWebhooks}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder => builder.Services.AddSingleton<IAnalysis, GatedAnalysis>());
    }

    public Uri BaseAddress => _node!.BaseAddress;

    /// <summary>A new tenant and a client whose key holds <paramref name="scopes"/> (all three by default).</summary>
    public async Task<(string TenantId, HttpClient Client)> NewTenantAsync(params string[] scopes)
    {
        var tenantId = "wt" + Guid.NewGuid().ToString("N")[..12];
        return (tenantId, await NewClientAsync(tenantId, scopes));
    }

    /// <summary>A client with a new key of <paramref name="tenantId"/>.</summary>
    public async Task<HttpClient> NewClientAsync(string tenantId, params string[] scopes)
    {
        var key = TestNode.NewKey();
        string[] granted = scopes.Length > 0 ? scopes : [Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin];
        await _node!.RegisterKeyAsync(key, tenantId, granted);
        var client = _node.NewClient(key, ClientTimeout);
        _clients.Add(client);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookNodeCollection : ICollectionFixture<WebhookNode>
{
    public const string Name = "Webhook node";
}
