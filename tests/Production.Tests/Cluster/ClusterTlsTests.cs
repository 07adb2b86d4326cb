using Actors.Production.Tests.Storage;
using Actors.Silo;
using Actors.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// The cluster's own ports under mutual TLS (real silo processes, real Redis and PostgreSQL): the
/// cluster works, and an Orleans client that does not hold a certificate of the cluster's authority
/// cannot reach a gateway, so it cannot call a grain.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Bounds a trusted client's start, which takes well under a second on a healthy machine.</summary>
    private static readonly TimeSpan ClientStart = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a refused client is given. Orleans's client keeps retrying a gateway that drops it, so a
    /// refusal shows as never getting through; a slow machine can only make that more so, while a
    /// client the cluster let in would be through in well under a second.
    /// </summary>
    private static readonly TimeSpan RefusedClient = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_TLS_cluster_serves_jobs_and_only_a_client_with_the_clusters_certificate_reaches_its_gateway()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ActorsCluster.StartAsync(await postgres.CreateDatabaseAsync(), redis.ConnectionString, silos: 2);
        using var http = cluster.NewClient();

        var jobs = await JobLoad.SubmitAsync(http, 4, parallel: 2);
        var statuses = await JobLoad.WaitForAllAsync(http, jobs, TimeSpan.FromSeconds(90));
        Assert.All(statuses, s => Assert.Equal("completed", s.Value));

        using (var trusted = await StartClientAsync(cluster, new() { ["Actors:Cluster:Tls:CertificatePath"] = cluster.CertificatePath }))
        {
            var demo = await trusted.Services.GetRequiredService<IClusterClient>().GetGrain<ITenant>("demo").Get();
            Assert.NotNull(demo);
        }

        var stranger = ClusterCertificates.WritePkcs12(cluster.Folder, "stranger");
        var refusals = await Task.WhenAll(
            Assert.ThrowsAnyAsync<Exception>(() => CallAsync(cluster, new() { ["Actors:Cluster:Tls:Enabled"] = "false" }, RefusedClient)),
            Assert.ThrowsAnyAsync<Exception>(() => CallAsync(cluster, new() { ["Actors:Cluster:Tls:CertificatePath"] = stranger }, RefusedClient)));
        var (plain, strange) = (refusals[0], refusals[1]);
        output.WriteLine($"without TLS: {plain.GetType().Name}: {plain.Message}");
        output.WriteLine($"with a stranger's certificate: {strange.GetType().Name}: {strange.Message}");
        Assert.IsNotType<Xunit.Sdk.XunitException>(plain);
        Assert.IsNotType<Xunit.Sdk.XunitException>(strange);
    }

    /// <summary>Starts a client of <paramref name="cluster"/> and reads a tenant through it: succeeds only if a gateway let it in.</summary>
    private static async Task CallAsync(ActorsCluster cluster, Dictionary<string, string?> tls, TimeSpan within)
    {
        using var client = await StartClientAsync(cluster, tls, within);
        using var timeout = new CancellationTokenSource(within);
        await client.Services.GetRequiredService<IClusterClient>().GetGrain<ITenant>("demo").Get().WaitAsync(timeout.Token);
    }

    private static async Task<IHost> StartClientAsync(ActorsCluster cluster, Dictionary<string, string?> tls, TimeSpan? within = null)
    {
        var settings = new Dictionary<string, string?>(cluster.Settings);
        settings.Remove("Actors:Cluster:Tls:CertificatePath");
        foreach (var (key, value) in tls)
        {
            settings[key] = value;
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(client => client.AddActorsClient(builder.Configuration));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(within ?? ClientStart);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }
}
