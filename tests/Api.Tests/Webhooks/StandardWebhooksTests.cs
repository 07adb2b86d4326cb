using System.Security.Cryptography;
using static Actors.Api.Tests.Webhooks.WebhookCalls;

namespace Actors.Api.Tests.Webhooks;

/// <summary>
/// Deliveries carry the Standard Webhooks headers, checked here by an implementation of that specification
/// written from its text (not the product's signer), and can be sent again under the same id.
/// </summary>
[Collection(WebhookNodeCollection.Name)]
public sealed class StandardWebhooksTests(WebhookNode node) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    /// <summary>
    /// The specification: the key is the base64 after <c>whsec_</c>; the signed content is
    /// <c>{webhook-id}.{webhook-timestamp}.{body}</c>; the header is space-separated <c>v1,{base64 HMAC-SHA256}</c>.
    /// </summary>
    private static bool VerifiesBySpecification(string secret, ReceivedRequest received)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes($"{received.Header("webhook-id")}.{received.Header("webhook-timestamp")}.{received.Body}");
        using var hmac = new HMACSHA256(key);
        var expected = "v1," + Convert.ToBase64String(hmac.ComputeHash(content));
        return received.Header("webhook-signature").Split(' ').Contains(expected);
    }

    [Fact]
    public async Task A_delivery_verifies_by_the_Standard_Webhooks_specification_and_keeps_the_Actors_headers()
    {
        var (_, client) = await node.NewTenantAsync();
        var webhook = await client.CreateWebhookAsync(_receiver.Url("standard"), "analysis.completed");
        var secret = webhook.GetProperty("secret").GetString()!;

        await client.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        var received = (await _receiver.WaitForAsync("standard", 1, "the job's delivery")).Single();

        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.True(VerifiesBySpecification(secret, received), $"webhook-signature {received.Header("webhook-signature")} does not verify");
        Assert.False(VerifiesBySpecification(secret, received with { Body = received.Body + " " }), "the body is signed");
        Assert.Equal(received.Header("X-Actors-Delivery"), received.Header("webhook-id"));
        Assert.Equal(received.Header("X-Actors-Timestamp"), received.Header("webhook-timestamp"));
        Assert.Equal(ExpectedSignature(secret, received.Header("X-Actors-Timestamp"), received.Body), received.Header("X-Actors-Signature"));
    }

    [Fact]
    public async Task A_callback_delivery_verifies_by_the_specification_too()
    {
        var (_, client) = await node.NewTenantAsync();

        await client.SubmitWithCallbackAsync(_receiver.Url("standard-callback"));
        var received = (await _receiver.WaitForAsync("standard-callback", 1, "the job's callback")).Single();
        var secret = (await client.GetJsonAsync($"{WebhooksPath}/callback-secret")).GetProperty("secret").GetString()!;

        Assert.True(VerifiesBySpecification(secret, received), $"webhook-signature {received.Header("webhook-signature")} does not verify");
    }

    [Fact]
    public async Task A_delivered_delivery_is_redelivered_under_the_same_id_and_logged_again()
    {
        var (_, client) = await node.NewTenantAsync();
        var webhook = await client.CreateWebhookAsync(_receiver.Url("again"), "analysis.completed");
        var id = webhook.GetProperty("id").GetString();
        var secret = webhook.GetProperty("secret").GetString()!;
        using var test = await client.PostAsync($"{WebhooksPath}/{id}/test", null);
        var deliveryId = (await test.ReadJsonAsync()).GetProperty("delivery_id").GetString();
        await client.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("delivered"), "the first delivery in the log");

        using var redeliver = await client.PostAsync($"{WebhooksPath}/{id}/deliveries/{deliveryId}/redeliver", null);
        var received = await _receiver.WaitForAsync("again", 2, "the redelivery");
        var log = await client.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("delivered", 2), "the redelivery in the log");

        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        var answer = await redeliver.ReadJsonAsync();
        Assert.Equal(deliveryId, answer.GetProperty("delivery_id").GetString());
        Assert.Equal("pending", answer.GetProperty("status").GetString());
        Assert.All(received, r => Assert.Equal(deliveryId, r.Header("webhook-id")));
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.True(VerifiesBySpecification(secret, received[1]));
        Assert.All(log.EnumerateArray(), e => Assert.Equal(deliveryId, e.GetProperty("delivery_id").GetString()));
    }

    [Fact]
    public async Task A_delivery_outside_the_log_or_another_tenants_is_not_found()
    {
        var (_, owner) = await node.NewTenantAsync();
        var (_, other) = await node.NewTenantAsync();
        var id = (await owner.CreateWebhookAsync(_receiver.Url("mine"), "analysis.completed")).GetProperty("id").GetString();
        using var test = await owner.PostAsync($"{WebhooksPath}/{id}/test", null);
        var deliveryId = (await test.ReadJsonAsync()).GetProperty("delivery_id").GetString();
        await owner.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("delivered"), "the delivery in the log");

        using var unknown = await owner.PostAsync($"{WebhooksPath}/{id}/deliveries/dlv_00000000000000000000000000000000/redeliver", null);
        using var foreign = await other.PostAsync($"{WebhooksPath}/{id}/deliveries/{deliveryId}/redeliver", null);
        using var callback = await owner.PostAsync($"{WebhooksPath}/callback-deliveries/{deliveryId}/redeliver", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
        Assert.Equal("not_found", (await unknown.ReadJsonAsync()).GetProperty("code").GetString());
    }
}
