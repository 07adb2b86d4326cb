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

    private TestNode? _node;

    public string DemoKey { get; } = TestNode.NewKey();
    public string OtherKey { get; } = TestNode.NewKey();
    public string ReadOnlyKey { get; } = TestNode.NewKey();

    public Uri BaseAddress => _node!.BaseAddress;

    /// <summary>The node's cluster client, for tests that set up state the API cannot (as if stored earlier).</summary>
    public IClusterClient Cluster => _node!.Cluster;

    public IServiceProvider Services => _node!.Services;

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
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            "--Actors:Api:Events:HeartbeatInterval=00:00:01",
            "--Actors:Api:Events:CatchUpInterval=00:00:00.200",
            $"--Actors:Api:MaxRequestBodyBytes={MaxRequestBodyBytes}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder => builder.Services.AddSingleton<IAnalysis, GatedAnalysis>());
        await _node.RegisterKeyAsync(OtherKey, OtherTenant, Scopes.AnalysesWrite, Scopes.AnalysesRead);
        await _node.RegisterKeyAsync(ReadOnlyKey, "reader", Scopes.AnalysesRead);

        Anonymous = NewClient(null);
        Demo = NewClient(DemoKey);
        Other = NewClient(OtherKey);
        ReadOnly = NewClient(ReadOnlyKey);
    }

    /// <summary>A client with a fresh key of <paramref name="tenantId"/> holding <paramref name="scopes"/>; the caller disposes it.</summary>
    public async Task<HttpClient> NewTenantClientAsync(string tenantId, params string[] scopes)
    {
        var key = TestNode.NewKey();
        await _node!.RegisterKeyAsync(key, tenantId, scopes);
        return NewClient(key);
    }

    /// <summary>A client sending <paramref name="apiKey"/> (none when null). The caller disposes it; the connection pool is shared.</summary>
    public HttpClient NewClient(string? apiKey) => _node!.NewClient(apiKey, ClientTimeout);

    public async Task DisposeAsync()
    {
        // Not Gates.OpenAll(): collections run in parallel, and opening every gate would release other
        // collections' jobs mid-test. A step still blocked here is cancelled when the node stops its grains.
        foreach (var client in new[] { Anonymous, Demo, Other, ReadOnly })
        {
            client?.Dispose();
        }
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ActorsNodeCollection : ICollectionFixture<ActorsNode>
{
    public const string Name = "Actors node";
}
