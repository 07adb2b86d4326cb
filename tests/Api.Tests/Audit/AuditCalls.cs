namespace Actors.Api.Tests.Audit;

/// <summary>Reads of the audit API, waiting for the background writer where an entry is expected.</summary>
public static class AuditCalls
{
    public const string Audit = "/api/v1/audit";

    /// <summary>A request id no other test uses, to find one call's entry.</summary>
    public static string NewRequestId() => "audit-test-" + Guid.NewGuid().ToString("N");

    public static HttpRequestMessage WithRequestId(this HttpRequestMessage request, string requestId)
    {
        request.Headers.Add("X-Request-ID", requestId);
        return request;
    }

    /// <summary>Polls the audit list (filtered by <paramref name="query"/>) until the entry of <paramref name="requestId"/> shows.</summary>
    public static async Task<JsonElement> WaitForEntryAsync(this HttpClient admin, string requestId, string query = "")
    {
        var items = await Eventually.Until(() => admin.GetJsonAsync($"{Audit}?limit=500{query}"),
            page => page.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("request_id").GetString() == requestId),
            $"the audit entry of request {requestId}");
        return items.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("request_id").GetString() == requestId);
    }
}
