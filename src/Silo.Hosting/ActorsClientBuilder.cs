using Actors.Jobs;
using Orleans.Dashboard;

namespace Actors.Silo;

/// <summary>How an API node that does not host a silo joins the cluster as an Orleans client.</summary>
public static class ActorsClientBuilder
{
    public static IClientBuilder AddActorsClient(this IClientBuilder client, IConfiguration configuration)
    {
        var cluster = ClusterSettings.From(configuration).ValidateForProduction();
        client.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ServiceId = cluster.ServiceId;
            o.ClusterId = cluster.ClusterId;
        });
        client.UseRedisClustering(cluster.RedisConnectionString!);
        cluster.Tls.ApplyTo(client);
        client.AddMemoryStreams(JobStreams.ProviderName);
        client.AddDashboard();
        client.Services.AddActorsGrainServices(configuration);
        client.Services.AddStorageExceptionSerialization();
        return client;
    }
}
