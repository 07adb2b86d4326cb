using Actors.Grains.Tests.Infrastructure;
using Actors.Webhooks;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Webhooks;

/// <summary>Delivery grains against receivers that hang or refuse connections, with loopback targets allowed.</summary>
public sealed class WebhookDeliveryGrainTests : IAsyncLifetime
{
    private const int MaxAttempts = 3;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1, new Dictionary<string, string?>
    {
        ["Actors:Webhooks:AllowPrivateTargets"] = "true",
        ["Actors:Webhooks:AttemptTimeout"] = "00:00:00.300",
        ["Actors:Webhooks:RetryBaseDelay"] = "00:00:00.010",
        ["Actors:Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_receiver_that_never_answers_is_retried_after_each_timeout_until_attempts_run_out()
    {
        using var hanging = new LoopbackListener();
        var (delivery, log) = Deliveries.Callback(_cluster.Client, Requests.NewTenant(), Requests.NewJobId());

        await delivery.Start(Deliveries.CompletedJob("job_hang", hanging.Url()));
        var ended = await Deliveries.Ended(delivery);

        Assert.Equal(DeliveryStatus.Failed, ended!.Status);
        Assert.Equal(MaxAttempts, ended.Attempts);
        Assert.Contains("no answer within", ended.LastError);
        var attempts = await log.List();
        Assert.Equal([AttemptOutcome.Retrying, AttemptOutcome.Retrying, AttemptOutcome.Failed], attempts.Reverse().Select(a => a.Outcome));
        Assert.All(attempts, a => Assert.Null(a.StatusCode));
        Assert.True(hanging.Accepted >= 1, "the attempts reached the hanging receiver");
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_error_and_is_retried()
    {
        var (delivery, log) = Deliveries.Callback(_cluster.Client, Requests.NewTenant(), Requests.NewJobId());

        await delivery.Start(Deliveries.CompletedJob("job_closed", LoopbackListener.ClosedUrl()));
        var ended = await Deliveries.Ended(delivery);

        Assert.Equal(DeliveryStatus.Failed, ended!.Status);
        Assert.Equal(MaxAttempts, ended.Attempts);
        Assert.Equal([1, 2, 3], (await log.List()).Reverse().Select(a => a.Attempt));
    }

    [Fact]
    public async Task A_second_start_of_the_same_delivery_is_ignored()
    {
        var (delivery, log) = Deliveries.Callback(_cluster.Client, Requests.NewTenant(), Requests.NewJobId());
        var order = Deliveries.CompletedJob("job_twice", LoopbackListener.ClosedUrl());

        await delivery.Start(order);
        var ended = await Deliveries.Ended(delivery);
        await delivery.Start(order);
        var after = await delivery.Get();

        Assert.Equal(ended, after);
        Assert.Equal(MaxAttempts, (await log.List()).Count);
    }
}
