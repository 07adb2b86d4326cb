using System.Diagnostics.Metrics;

namespace Actors.Webhooks;

/// <summary>
/// <c>actors.webhook.deliveries</c>: one count per attempt, tagged <c>outcome</c> = delivered, retried,
/// failed or refused. On the <c>Actors</c> meter, which the node exports with the other metrics.
/// </summary>
public static class WebhookMetrics
{
    public const string MeterName = "Actors";
    public const string DeliveriesName = "actors.webhook.deliveries";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        DeliveriesName, unit: "{attempt}", description: "Webhook and callback delivery attempts by outcome.");

    public static void Count(AttemptOutcome outcome) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            AttemptOutcome.Delivered => "delivered",
            AttemptOutcome.Retrying => "retried",
            AttemptOutcome.Refused => "refused",
            _ => "failed",
        }));
}
