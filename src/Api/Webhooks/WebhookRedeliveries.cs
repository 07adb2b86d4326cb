using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Webhooks;

namespace Actors.Api.Webhooks;

/// <summary>
/// Redelivery: a delivery from a webhook's (or the callback) log sent again, under the same id
/// (<c>webhook-id</c>, <c>X-Actors-Delivery</c>) so a receiver that handled it already can tell.
/// </summary>
public static class WebhookRedeliveries
{
    public static IEndpointRouteBuilder MapWebhookRedeliveries(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/{id}/deliveries/{deliveryId}/redeliver", (HttpContext http, IClusterClient cluster, string id, string deliveryId) =>
                WebhookSecrets.IsWebhookId(id) ? RedeliverAsync(http, cluster, id, deliveryId, $"/api/v1/webhooks/{id}/deliveries") : Task.FromResult(NotInLog(deliveryId)))
            .RequireAuthorization(Scopes.Admin).Audited("webhook.redeliver")
            .WithSummary("Send a delivery again")
            .WithDescription("A delivery in the webhook's log, sent again with the same id, signed anew, retried and logged like the first; a delivery still retrying goes on as it is. Answers 202.")
            .Produces<RedeliveryResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        webhooks.MapPost("/callback-deliveries/{deliveryId}/redeliver", (HttpContext http, IClusterClient cluster, string deliveryId) =>
                RedeliverAsync(http, cluster, DeliveryKey.Callback, deliveryId, "/api/v1/webhooks/callback-deliveries"))
            .RequireAuthorization(Scopes.Admin).Audited("callback.redeliver")
            .WithSummary("Send a callback delivery again").WithDescription("As for a webhook's delivery, from the callback log.")
            .Produces<RedeliveryResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> RedeliverAsync(HttpContext http, IClusterClient cluster, string target, string deliveryId, string logUrl)
    {
        var tenantId = http.User.GetTenantId();
        // The log names the delivery's subject and event, which with the target make its key; a delivery id outside the log is unknown.
        var entry = (await cluster.GetGrain<IWebhookDeliveryLog>(DeliveryKey.LogFor(tenantId, target)).List())
            .FirstOrDefault(a => a.DeliveryId == deliveryId && (a.Subject ?? a.JobId) is not null);
        if (entry is null)
        {
            return NotInLog(deliveryId);
        }
        var key = DeliveryKey.For(tenantId, target, (entry.Subject ?? entry.JobId)!, entry.Event);
        if (DeliveryKey.IdOf(key) != deliveryId)
        {
            return NotInLog(deliveryId);
        }
        var outcome = await cluster.GetGrain<IWebhookDelivery>(key).Redeliver();
        return outcome switch
        {
            RedeliveryOutcome.Redelivering or RedeliveryOutcome.Pending =>
                TypedResults.Accepted(logUrl, new RedeliveryResponse(deliveryId, entry.Event, "pending", logUrl)),
            RedeliveryOutcome.BodyGone => Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.NotRedeliverable, "The delivery cannot be sent again",
                $"Delivery {deliveryId} ended before delivery bodies were kept; there is nothing to send again."),
            _ => NotInLog(deliveryId),
        };
    }

    private static IResult NotInLog(string deliveryId) => Problem.NotFound($"No delivery '{deliveryId}' in this log.");
}

/// <summary>The answer to a redelivery: the delivery is pending again under its id.</summary>
public sealed record RedeliveryResponse(string DeliveryId, string Event, string Status, string DeliveriesUrl);
