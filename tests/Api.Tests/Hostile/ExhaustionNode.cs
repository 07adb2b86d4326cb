using System.Collections.Concurrent;
using Actors.Analyses;
using Actors.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// A node with small exhaustion limits, so each can be reached with a few requests: 2 open streams per
/// key and 3 per tenant, 2 waiting jobs per tenant (1 running), a credential cache of 50 entries and
/// no cache of known grants (so only the unknown-key cache can spare a lookup). It counts the lookups of
/// keys' grains, to tell a cached answer from a grain call.
/// </summary>
public sealed class ExhaustionNode : IAsyncLifetime
{
    public const int MaxOpenPerKey = 2;
    public const int MaxOpenPerTenant = 3;
    public const int MaxQueuedJobs = 2;
    public const int CacheEntries = 50;

    private TestNode? _node;

    public KeyLookups Lookups { get; } = new();

    public IServiceProvider Services => _node!.Services;

    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        _node = await TestNode.StartAsync(
        [
            "--Actors:DemoTenant:Enabled=false",
            $"--Actors:Api:Events:MaxOpenPerKey={MaxOpenPerKey}",
            $"--Actors:Api:Events:MaxOpenPerTenant={MaxOpenPerTenant}",
            "--Actors:Api:Events:HeartbeatInterval=00:00:01",
            "--Actors:Queue:DefaultConcurrency=1",
            $"--Actors:Queue:MaxQueuedJobs={MaxQueuedJobs}",
            "--Actors:Auth:KeyCacheLifetime=00:00:00",
            $"--Actors:Auth:CacheEntries={CacheEntries}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder =>
        {
            builder.Services.AddSingleton<IAnalysis, GatedAnalysis>();
            builder.Services.AddSingleton<IOutgoingGrainCallFilter>(Lookups);
        });
        Anonymous = NewClient(null);
    }

    /// <summary>A client with a new key of <paramref name="tenantId"/> (created if new) holding every tenant scope.</summary>
    public async Task<HttpClient> NewTenantClientAsync(string tenantId)
    {
        var key = TestNode.NewKey();
        await _node!.RegisterKeyAsync(key, tenantId, Actors.Api.Auth.Scopes.AnalysesWrite, Actors.Api.Auth.Scopes.AnalysesRead, Actors.Api.Auth.Scopes.Admin);
        return NewClient(key);
    }

    /// <summary>A client sending <paramref name="apiKey"/>; the connection pool it uses is the node's, which goes with the node.</summary>
    public HttpClient NewClient(string? apiKey) => _node!.NewClient(apiKey, TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>Counts <see cref="IApiKey.Get"/> calls by key hash: each is a grain activation or call, and a storage read on activation.</summary>
    public sealed class KeyLookups : IOutgoingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, int> _byHash = new(StringComparer.Ordinal);

        public int Of(string keyHash) => _byHash.GetValueOrDefault(keyHash);

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IApiKey) && context.InterfaceMethod.Name == nameof(IApiKey.Get))
            {
                _byHash.AddOrUpdate(context.TargetId.Key.ToString()!, 1, (_, n) => n + 1);
            }
            return context.Invoke();
        }
    }
}
