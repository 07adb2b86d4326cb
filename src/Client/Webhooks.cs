namespace Actors.Client;

/// <summary>The events a webhook may subscribe to, and the others a delivery can carry.</summary>
public static class WebhookEventNames
{
    public const string AnalysisCompleted = "analysis.completed";
    public const string AnalysisFailed = "analysis.failed";
    public const string AnalysisCancelled = "analysis.cancelled";
    public const string BudgetReached = "budget.reached";
    public const string Test = "webhook.test";
}

public sealed record Webhook(string Id, string Url, IReadOnlyList<string> Events, string? Description, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A webhook with its signing secret: answered by create and rotate only.</summary>
public sealed record WebhookWithSecret(string Id, string Url, IReadOnlyList<string> Events, string? Description, bool Enabled,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Secret);

public sealed record NewWebhook(string Url, IReadOnlyList<string> Events, string? Description = null);

/// <summary>Members left null stay as they are.</summary>
public sealed record WebhookChange(string? Url = null, IReadOnlyList<string>? Events = null, string? Description = null, bool? Enabled = null);

public sealed record CallbackSecret(string Secret, DateTimeOffset CreatedAt);

/// <summary>One attempt of a delivery, from a delivery log.</summary>
public sealed record DeliveryAttempt(string DeliveryId, string Event, string? JobId, int Attempt, string Status, int? ResponseCode,
    double LatencyMs, string? Error, DateTimeOffset At);

public sealed record TestDelivery(string DeliveryId, string Event, string DeliveriesUrl);

/// <summary>The answer to a redelivery: the delivery (same id) is pending again.</summary>
public sealed record Redelivery(string DeliveryId, string Event, string Status, string DeliveriesUrl);
