using Actors.Api.Auth;
using Actors.Api.Tests.Webhooks;
using static Actors.Api.Tests.Webhooks.WebhookCalls;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// A read-only key (<c>analyses:read</c>) lists webhooks but never reads their full URLs (receivers put tokens
/// in the path or query) nor the error text of their deliveries; the admin scope sees both.
/// </summary>
[Collection(WebhookNodeCollection.Name)]
public sealed class WebhookReadTests(WebhookNode node)
{
    private const string Token = "T0SECRET/B0SECRET/xoxbSECRETTOKEN";
    private const string Hook = "https://user:pass@hooks.example.test:8443/services/" + Token + "?token=querySECRET";

    [Fact]
    public async Task A_read_only_key_sees_webhook_urls_masked_to_scheme_host_and_port()
    {
        var (tenant, admin) = await node.NewTenantAsync();
        var id = (await admin.CreateWebhookAsync(Hook, "analysis.completed")).GetProperty("id").GetString();
        using var reader = await node.NewClientAsync(tenant, Scopes.AnalysesRead);

        var listed = await reader.GetJsonAsync(WebhooksPath);
        var read = await reader.GetJsonAsync($"{WebhooksPath}/{id}");
        var full = await admin.GetJsonAsync($"{WebhooksPath}/{id}");

        Assert.Equal("https://hooks.example.test:8443/…", listed[0].GetProperty("url").GetString());
        Assert.Equal("https://hooks.example.test:8443/…", read.GetProperty("url").GetString());
        foreach (var secret in new[] { "SECRET", "user", "pass" })
        {
            Assert.DoesNotContain(secret, listed.ToString());
            Assert.DoesNotContain(secret, read.ToString());
        }
        Assert.Equal(Hook, full.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_read_only_key_reads_a_delivery_log_without_its_error_text()
    {
        var (tenant, admin) = await node.NewTenantAsync();
        // Nothing listens on the discard port: every attempt fails with an error text.
        var id = (await admin.CreateWebhookAsync("http://127.0.0.1:9/" + Token, "analysis.completed")).GetProperty("id").GetString();
        using var reader = await node.NewClientAsync(tenant, Scopes.AnalysesRead);
        using var test = await admin.PostAsync($"{WebhooksPath}/{id}/test", null);
        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);

        var adminLog = await admin.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries",
            log => log.EnumerateArray().Any(a => a.GetProperty("error").ValueKind == JsonValueKind.String), "a failed attempt with its error text");
        var readerLog = await reader.GetJsonAsync($"{WebhooksPath}/{id}/deliveries");

        Assert.True(readerLog.GetArrayLength() > 0, readerLog.ToString());
        Assert.All(readerLog.EnumerateArray(), a =>
        {
            Assert.Equal(JsonValueKind.Null, a.GetProperty("error").ValueKind);
            Assert.False(string.IsNullOrEmpty(a.GetProperty("status").GetString()));
        });
        Assert.Contains(adminLog.EnumerateArray(), a => a.GetProperty("error").GetString()!.Length > 0);
    }
}
