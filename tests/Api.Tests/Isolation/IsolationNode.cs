using Actors.Api.Auth;
using Actors.Tenants;

namespace Actors.Api.Tests.Isolation;

/// <summary>A node with <see cref="TenantCount"/> tenants, each with one key (read, write and admin) of its own prefix.</summary>
public sealed class IsolationNode : IAsyncLifetime
{
    public const int TenantCount = 100;

    private TestNode? _node;

    public IReadOnlyList<IsolatedTenant> Tenants { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={TestNode.NewKey()}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ]);
        Tenants = await Task.WhenAll(Enumerable.Range(0, TenantCount).Select(async i =>
        {
            var id = $"iso-tenant-{i:000}";
            var key = TestNode.NewKey();
            var prefix = $"iso{i:000}";
            var keyId = $"key_iso{i:000}";
            await _node.Cluster.GetGrain<IApiKey>(ApiKeyHash.Of(key)).Register(
                new ApiKeyInfo(id, "isolation", prefix, [Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin], DateTimeOffset.UtcNow, Revoked: false, KeyId: keyId));
            return new IsolatedTenant(id, $"key:{keyId}", $"t{i:000}-", _node.NewClient(key, TimeSpan.FromSeconds(60)));
        }));
    }

    public async Task DisposeAsync()
    {
        foreach (var tenant in Tenants)
        {
            tenant.Client.Dispose();
        }
        await _node!.DisposeAsync();
    }
}

/// <summary>One tenant of the isolation suite: every request it sends carries a request id starting with <see cref="RequestIdPrefix"/>.</summary>
public sealed record IsolatedTenant(string Id, string Actor, string RequestIdPrefix, HttpClient Client)
{
    private int _sent;

    public string? JobId { get; set; }

    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Request-ID", RequestIdPrefix + Interlocked.Increment(ref _sent));
        return request;
    }
}
