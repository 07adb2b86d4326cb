using Actors.Grains.Tests.Infrastructure;
using Actors.Webhooks;

namespace Actors.Grains.Tests.Webhooks;

/// <summary>Delivery grains started directly, as a tenant's registry would start them.</summary>
public static class Deliveries
{
    public static (IWebhookDelivery Delivery, IWebhookDeliveryLog Log) Callback(IClusterClient client, string tenant, string jobId) =>
        (client.GetGrain<IWebhookDelivery>(DeliveryKey.For(tenant, DeliveryKey.Callback, jobId, WebhookEvents.AnalysisCompleted)),
         client.GetGrain<IWebhookDeliveryLog>(DeliveryKey.LogFor(tenant, DeliveryKey.Callback)));

    public static DeliveryOrder CompletedJob(string jobId, string callbackUrl) =>
        new(WebhookEvents.AnalysisCompleted, new DeliveryData(jobId, "data_interpretation", "completed", null, $"/api/v1/analyses/{jobId}/result"),
            DateTimeOffset.UtcNow, callbackUrl);

    public static Task<DeliveryView?> Ended(IWebhookDelivery delivery, TimeSpan? timeout = null) =>
        Eventually.Until(delivery.Get, d => d is { Status: not DeliveryStatus.Pending }, "the delivery to end", timeout);
}
