using System.Net.Sockets;
using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// One real Actors node for tests: <see cref="ActorsApi.Build"/> with Kestrel on a loopback port and
/// the co-hosted silo on free ports, plus the node-specific settings and services a fixture adds.
/// The test fixtures (<see cref="ActorsNode"/> and the operator, webhook and tracing nodes) start
/// their node through this, so how a node is started for tests is written once.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private TestNode(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    /// <param name="settings">Command-line settings beyond the address and silo ports, e.g. <c>--Actors:Logging:Format=json</c>.</param>
    /// <param name="configure">Extra services (test analyses, log sinks, exporters).</param>
    public static async Task<TestNode> StartAsync(IEnumerable<string> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var ports = FreePorts(2);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Actors:Silo:SiloPort={ports[0]}",
            $"--Actors:Silo:GatewayPort={ports[1]}",
            // Tests submit and read far faster than a client may: limits are on, but out of reach, unless a fixture sets its own.
            .. GenerousRateLimits,
            .. settings,
        ];
        var app = ActorsApi.Build(args, configure);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server exposes no addresses.");
        return new TestNode(app, new Uri(addresses.Addresses.Single()));
    }

    /// <summary>Rate limits no functional test reaches; later settings override them.</summary>
    public static readonly string[] GenerousRateLimits =
    [
        "--Actors:RateLimits:Submit:PerKey=1000000", "--Actors:RateLimits:Submit:PerTenant=1000000",
        "--Actors:RateLimits:Read:PerKey=1000000", "--Actors:RateLimits:Read:PerTenant=1000000",
        "--Actors:RateLimits:Admin:PerKey=1000000", "--Actors:RateLimits:Admin:PerTenant=1000000",
        "--Actors:Api:ClientAddresses:PermitsPerPeriod=1000000",
    ];

    /// <summary>A fresh plaintext key in the demo format.</summary>
    public static string NewKey() => "ak_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Grants <paramref name="key"/> to <paramref name="tenantId"/> (created with the default limits if new) with <paramref name="scopes"/>.</summary>
    public async Task RegisterKeyAsync(string key, string tenantId, params string[] scopes)
    {
        await Cluster.GetGrain<ITenant>(tenantId).Ensure(tenantId);
        await Cluster.GetGrain<IApiKey>(ApiKeyHash.Of(key)).Register(new ApiKeyInfo(tenantId, "test", "ak_test", scopes, DateTimeOffset.UtcNow, false));
    }

    /// <summary>A client sending <paramref name="apiKey"/> in X-API-Key (none when null); the caller disposes it, the connection pool is shared.</summary>
    public HttpClient NewClient(string? apiKey, TimeSpan timeout)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = timeout };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    /// <summary>Distinct free loopback ports: every listener stays open until all ports are known.</summary>
    /// <summary>Loopback ports nothing listens on once this returns (also: a storage server that is down).</summary>
    public static int[] FreePorts(int count)
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
