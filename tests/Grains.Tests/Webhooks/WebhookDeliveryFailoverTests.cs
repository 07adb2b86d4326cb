using Actors.Grains.Tests.Infrastructure;
using Actors.Webhooks;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Webhooks;

/// <summary>
/// A delivery waiting to retry whose silo dies resumes on another silo from its persisted schedule,
/// brought back by its reminder (state and reminders in stores shared by the silos, as in production).
/// </summary>
public sealed class WebhookDeliveryFailoverTests : IAsyncLifetime
{
    private const int MaxAttempts = 3;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(2, new Dictionary<string, string?>
    {
        ["Actors:Webhooks:AllowPrivateTargets"] = "true",
        ["Actors:Webhooks:RetryBaseDelay"] = "00:00:03",
        ["Actors:Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Actors:Webhooks:WatchdogPeriod"] = "00:00:02",
    }, sharedState: true, configureSilo: TestClusters.PlaceAtRandom);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_delivery_whose_silo_dies_between_attempts_resumes_and_finishes_its_attempts()
    {
        var tenant = Requests.NewTenant();
        var (delivery, log, host) = await ADeliveryOnTheSecondarySiloAsync(tenant);

        await delivery.Start(Deliveries.CompletedJob("job_failover", LoopbackListener.ClosedUrl()));
        await Eventually.Until(log.List, l => l.Count >= 1, "the first attempt in the log");
        await _cluster.KillSiloAsync(host);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        // Read the log, not the delivery: reading the delivery would reactivate it, and the reminder must.
        var attempts = await Eventually.Until(log.List, l => l.Any(a => a.Outcome == AttemptOutcome.Failed), "the delivery to use up its attempts on the surviving silo", TimeSpan.FromSeconds(90));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt).Distinct().Order());
        var ended = await delivery.Get();
        Assert.Equal(DeliveryStatus.Failed, ended!.Status);
        Assert.Equal(MaxAttempts, ended.Attempts);
    }

    private async Task<(IWebhookDelivery, IWebhookDeliveryLog, InProcessSiloHandle)> ADeliveryOnTheSecondarySiloAsync(string tenant)
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var (delivery, log) = Deliveries.Callback(_cluster.Client, tenant, Requests.NewJobId());
            Assert.Null(await delivery.Get());
            var address = await management.GetActivationAddress(delivery);
            var host = _cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
            if (host is not null && host != _cluster.Silos[0])
            {
                return (delivery, log, host);
            }
        }
        throw new InvalidOperationException("No delivery was placed on the secondary silo in 30 tries.");
    }
}
