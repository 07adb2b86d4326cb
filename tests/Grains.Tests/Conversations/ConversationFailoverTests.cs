using Actors.Conversations;
using Actors.Grains.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Conversations;

/// <summary>A conversation whose silo dies keeps its history: its state lives in storage shared by the cluster's silos.</summary>
public sealed class ConversationFailoverTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(3, sharedState: true, configureSilo: TestClusters.PlaceAtRandom);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AConversationWhoseSiloDiesKeepsItsHistory()
    {
        var tenant = Requests.NewTenant();
        var (jobId, metrics) = await ConversationTests.CompletedProcessJobAsync(_cluster.Client, tenant);
        var (id, host) = await OpenOnASecondarySiloAsync(tenant, jobId);
        await ConversationTests.AskAsync(_cluster.Client, tenant, id, "What is the bottleneck?");
        var before = (await _cluster.Client.GetGrain<IConversation>(JobKey.For(tenant, id)).Get())!;

        await _cluster.KillSiloAsync(host);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var after = await Eventually.Until(() => _cluster.Client.GetGrain<IConversation>(JobKey.For(tenant, id)).Get(),
            v => v is not null, "the conversation to answer again after its silo died", TimeSpan.FromSeconds(60));
        Assert.Equal(before.MessageCount, after!.MessageCount);
        Assert.Equal(before.Messages.Select(m => m.Text), after.Messages.Select(m => m.Text));
        // The topic survived too: a follow-up still refers to the bottleneck.
        var followUp = await ConversationTests.AskAsync(_cluster.Client, tenant, id, "And its waiting time?");
        var bottleneck = metrics.GetProperty("bottleneck_activity").GetString()!;
        Assert.Contains($"before {bottleneck}", followUp.Text);
        Assert.Contains(metrics.GetProperty("activities").GetProperty(bottleneck).GetProperty("mean_wait_s").GetRawText(),
            ConversationTests.Numbers(followUp.Text));
    }

    private async Task<(string Id, InProcessSiloHandle Host)> OpenOnASecondarySiloAsync(string tenant, string jobId)
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var id = await ConversationTests.OpenAsync(_cluster.Client, tenant, jobId);
            var address = await management.GetActivationAddress(_cluster.Client.GetGrain<IConversation>(JobKey.For(tenant, id)));
            var host = _cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
            if (host is not null && host != _cluster.Silos[0])
            {
                return (id, host);
            }
        }
        throw new InvalidOperationException("No conversation was placed on a secondary silo in 30 tries.");
    }
}
