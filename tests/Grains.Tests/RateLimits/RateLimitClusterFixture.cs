using Actors.Grains.Tests.Infrastructure;
using Actors.RateLimits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.RateLimits;

/// <summary>
/// Two silos whose buckets read one FakeTimeProvider, and one <see cref="RateLimitGate"/> per silo built
/// on that silo's grain factory: two API nodes co-hosting a silo each, as in the embedded default.
/// </summary>
public sealed class RateLimitClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await TestClusters.StartAsync(2, configureSilo: silo => silo.Services.AddKeyedSingleton<TimeProvider>(RateLimiterGrain.ClockKey, Clock));

    /// <summary>One gate per silo, with <paramref name="settings"/> (e.g. <c>Actors:RateLimits:Submit:PerKey</c>).</summary>
    public IReadOnlyList<RateLimitGate> Gates(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return [.. Cluster.Silos.Select(silo => new ServiceCollection()
            .AddSingleton(silo.ServiceProvider.GetRequiredService<IGrainFactory>())
            .AddActorsRateLimitGate(configuration)
            .BuildServiceProvider()
            .GetRequiredService<RateLimitGate>())];
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RateLimitClusterCollection : ICollectionFixture<RateLimitClusterFixture>
{
    public const string Name = "rate-limit cluster";
}
