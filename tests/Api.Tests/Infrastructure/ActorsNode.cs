using System.Net.Sockets;
using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Analyses;
using Actors.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// One real Actors node (Kestrel on a loopback port, co-hosted silo on free ports) shared by every
/// test class through <see cref="ActorsNodeCollection"/>. Tenants: <c>demo</c> (the node's own key,
/// read and write), <c>other</c> (read and write) and <c>reader</c> (read only).
/// </summary>
public sealed class ActorsNode : IAsyncLifetime
{
    public const string DemoTenant = "demo";
    public const string OtherTenant = "other";
    public const long MaxRequestBodyBytes = 65_536;

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    private WebApplication? _app;
    private SocketsHttpHandler? _handler;

    public string DemoKey { get; } = NewKey();
    public string OtherKey { get; } = NewKey();
    public string ReadOnlyKey { get; } = NewKey();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Sends no API key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The demo tenant (analyses:write, analyses:read, admin).</summary>
    public HttpClient Demo { get; private set; } = null!;

    /// <summary>A second tenant (analyses:write, analyses:read).</summary>
    public HttpClient Other { get; private set; } = null!;

    /// <summary>A third tenant whose key only has analyses:read.</summary>
    public HttpClient ReadOnly { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Gated steps block a pool thread each while they wait; on a small machine the pool would otherwise grow slowly.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        var ports = FreePorts(2);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Actors:Silo:SiloPort={ports[0]}",
            $"--Actors:Silo:GatewayPort={ports[1]}",
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            "--Actors:Api:Events:HeartbeatInterval=00:00:01",
            "--Actors:Api:Events:CatchUpInterval=00:00:00.200",
            $"--Actors:Api:MaxRequestBodyBytes={MaxRequestBodyBytes}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ];
        _app = ActorsApi.Build(args, builder => builder.Services.AddSingleton<IAnalysis, GatedAnalysis>());
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server exposes no addresses.");
        BaseAddress = new Uri(addresses.Addresses.Single());

        var cluster = _app.Services.GetRequiredService<IClusterClient>();
        await cluster.GetGrain<IApiKey>(ApiKeyHash.Of(OtherKey)).Register(
            new ApiKeyInfo(OtherTenant, "test", "ak_test", [Scopes.AnalysesWrite, Scopes.AnalysesRead], DateTimeOffset.UtcNow, false));
        await cluster.GetGrain<IApiKey>(ApiKeyHash.Of(ReadOnlyKey)).Register(
            new ApiKeyInfo("reader", "test", "ak_test", [Scopes.AnalysesRead], DateTimeOffset.UtcNow, false));

        _handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        Anonymous = NewClient(null);
        Demo = NewClient(DemoKey);
        Other = NewClient(OtherKey);
        ReadOnly = NewClient(ReadOnlyKey);
    }

    /// <summary>A client sending <paramref name="apiKey"/> (none when null). The caller disposes it; the connection pool is shared.</summary>
    public HttpClient NewClient(string? apiKey)
    {
        var client = new HttpClient(_handler!, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = ClientTimeout };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        Gates.OpenAll();
        foreach (var client in new[] { Anonymous, Demo, Other, ReadOnly })
        {
            client?.Dispose();
        }
        _handler?.Dispose();
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
    }

    private static string NewKey() => "ak_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Distinct free loopback ports: every listener stays open until all ports are known.</summary>
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
public sealed class ActorsNodeCollection : ICollectionFixture<ActorsNode>
{
    public const string Name = "Actors node";
}
