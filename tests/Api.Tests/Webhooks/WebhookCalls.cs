using System.Security.Cryptography;

namespace Actors.Api.Tests.Webhooks;

/// <summary>Calls of the webhook API, with the assertions every caller would repeat.</summary>
public static class WebhookCalls
{
    public const string WebhooksPath = "/api/v1/webhooks";

    public static string Body(string url, params string[] events) => JsonSerializer.Serialize(new { url, events, description = "test receiver" });

    /// <summary>Registers a webhook and asserts 201; returns the answer (with the secret).</summary>
    public static async Task<JsonElement> CreateWebhookAsync(this HttpClient client, string url, params string[] events)
    {
        using var response = await client.PostAsync(WebhooksPath, Bodies.Json(Body(url, events)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 for a new webhook, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Submits a small analysis whose callback goes to <paramref name="callbackUrl"/>; returns the job id.</summary>
    public static Task<string> SubmitWithCallbackAsync(this HttpClient client, string? callbackUrl) =>
        client.SubmitAcceptedAsync(JsonSerializer.Serialize(new { type = "data_interpretation", csv = Bodies.SmallCsv, callback_url = callbackUrl }));

    /// <summary>The webhook's delivery log (newest first), once <paramref name="done"/> holds for it.</summary>
    public static Task<JsonElement> WaitForLogAsync(this HttpClient client, string path, Func<JsonElement, bool> done, string what) =>
        Eventually.Until(() => client.GetJsonAsync(path), done, what);

    public static bool HasStatus(this JsonElement log, string status, int count = 1) =>
        log.EnumerateArray().Count(e => e.GetProperty("status").GetString() == status) >= count;

    /// <summary>What a receiver computes: <c>sha256=</c> hex HMAC-SHA256 of <c>{timestamp}.{body}</c> keyed with the secret.</summary>
    public static string ExpectedSignature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
