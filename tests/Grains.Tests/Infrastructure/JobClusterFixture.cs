using Orleans.TestingHost;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>A two-silo cluster with in-memory state, shared by the job tests (each test uses its own tenant).</summary>
public sealed class JobClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await TestClusters.StartAsync(2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public IAnalysisJob Job(string tenant, string jobId) => Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));

    public ITenantQueue Queue(string tenant) => Client.GetGrain<ITenantQueue>(tenant);
}

[CollectionDefinition(Name)]
public sealed class JobClusterCollection : ICollectionFixture<JobClusterFixture>
{
    public const string Name = "job cluster";
}
