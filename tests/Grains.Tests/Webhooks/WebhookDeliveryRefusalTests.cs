using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Grains.Tests.Infrastructure;
using Actors.Webhooks;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Webhooks;

/// <summary>With the default settings, a delivery whose target is internal is refused as it connects, whatever was checked before.</summary>
public sealed class WebhookDeliveryRefusalTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_delivery_to_a_loopback_target_is_refused_without_connecting()
    {
        using var receiver = new LoopbackListener();
        var (delivery, log) = Deliveries.Callback(_cluster.Client, Requests.NewTenant(), Requests.NewJobId());
        var outcomes = new ConcurrentQueue<string?>();
        using var metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WebhookMetrics.MeterName && instrument.Name == WebhookMetrics.DeliveriesName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        metrics.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcomes.Enqueue(tag.Value as string);
                }
            }
        });
        metrics.Start();

        await delivery.Start(Deliveries.CompletedJob("job_refused", receiver.Url()));
        var ended = await Deliveries.Ended(delivery);

        Assert.Equal(DeliveryStatus.Refused, ended!.Status);
        Assert.Equal(1, ended.Attempts);
        Assert.Contains("127.0.0.1", ended.LastError);
        Assert.Equal(AttemptOutcome.Refused, (await log.List()).Single().Outcome);
        Assert.Equal(0, receiver.Accepted);
        Assert.Contains("refused", outcomes);
    }
}
