using Actors.Api.Auth;
using Actors.RateLimits;
using Actors.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;

namespace Actors.Api.Tests.RateLimits;

/// <summary>
/// A node with small limits whose buckets read a <see cref="FakeTimeProvider"/>: submit 3 per key and 5 per
/// tenant, read 4 per key, admin 2 per key, per minute; the tenant <c>roomy</c> may submit 6 per key and 20 in all.
/// Each test uses tenants of its own, so the tests share the node.
/// </summary>
public sealed class RateLimitNode : IAsyncLifetime
{
    public const int SubmitPerKey = 3;
    public const int SubmitPerTenant = 5;
    public const int ReadPerKey = 4;
    public const int AdminPerKey = 2;
    public const string RoomyTenant = "roomy";
    public const int RoomySubmitPerKey = 6;

    private TestNode? _node;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public TestNode Node => _node!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={TestNode.NewKey()}",
            $"--Actors:RateLimits:Submit:PerKey={SubmitPerKey}",
            $"--Actors:RateLimits:Submit:PerTenant={SubmitPerTenant}",
            $"--Actors:RateLimits:Read:PerKey={ReadPerKey}",
            $"--Actors:RateLimits:Admin:PerKey={AdminPerKey}",
            $"--Actors:RateLimits:Tenants:{RoomyTenant}:Submit:PerKey={RoomySubmitPerKey}",
            $"--Actors:RateLimits:Tenants:{RoomyTenant}:Submit:PerTenant=20",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder => builder.Services.AddKeyedSingleton<TimeProvider>(RateLimiterGrain.ClockKey, Clock));
    }

    /// <summary>A client with a new key of <paramref name="tenant"/> (read, write and admin), its prefix its own.</summary>
    public async Task<HttpClient> NewKeyAsync(string tenant)
    {
        var key = TestNode.NewKey();
        var scopes = new[] { Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin };
        await Node.Cluster.GetGrain<IApiKey>(ApiKeyHash.Of(key))
            .Register(new ApiKeyInfo(tenant, "rate-limit test", ApiKeyHash.PrefixOf(key), scopes, DateTimeOffset.UtcNow, false));
        return Node.NewClient(key, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
