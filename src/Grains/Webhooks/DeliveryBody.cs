using System.Text.Json.Nodes;

namespace Actors.Webhooks;

/// <summary>
/// The JSON body of a delivery: <c>{id, event, created_at, data}</c>, where data is <c>{job_id, type, status, error, result_url, approval?}</c>
/// for a job's event and <c>{month, budget_usd, spent_usd}</c> for <c>budget.reached</c>.
/// </summary>
public static class DeliveryBody
{
    public static string Write(string deliveryId, DeliveryOrder order)
    {
        var body = new JsonObject
        {
            ["id"] = deliveryId,
            ["event"] = order.Event,
            ["created_at"] = Stamp(order.CreatedAt),
            ["data"] = order.Data.Budget is { } budget ? new JsonObject
            {
                ["month"] = budget.Month,
                ["budget_usd"] = budget.BudgetUsd,
                ["spent_usd"] = budget.SpentUsd,
            } : new JsonObject
            {
                ["job_id"] = order.Data.JobId,
                ["type"] = order.Data.Type,
                ["status"] = order.Data.Status,
                ["error"] = order.Data.Error is { } error ? new JsonObject { ["code"] = error.Code, ["message"] = error.Message } : null,
                ["result_url"] = order.Data.ResultUrl,
            },
        };
        if (order.Data.Approval is { } approval)
        {
            body["data"]!["approval"] = new JsonObject
            {
                ["step"] = approval.Step,
                ["message"] = approval.Message,
                ["requested_at"] = Stamp(approval.RequestedAt),
                ["due_at"] = Stamp(approval.DueAt),
                ["on_timeout"] = approval.OnTimeout,
            };
        }
        return body.ToJsonString();
    }

    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
