using Actors.Api.Auth;
using static Actors.Api.Tests.Webhooks.WebhookCalls;

namespace Actors.Api.Tests.Webhooks;

/// <summary>Registering, reading, changing and deleting webhooks; scopes and tenant isolation.</summary>
[Collection(WebhookNodeCollection.Name)]
public sealed class WebhookApiTests(WebhookNode node)
{
    private const string Receiver = "https://hooks.example.test/actors";

    [Fact]
    public async Task A_webhook_is_created_read_changed_and_deleted()
    {
        var (_, client) = await node.NewTenantAsync();

        using var created = await client.PostAsync(WebhooksPath, Bodies.Json(Body("http://127.0.0.1:9/first", "analysis.completed")));
        var webhook = await created.ReadJsonAsync();
        var id = webhook.GetProperty("id").GetString()!;
        var secret = webhook.GetProperty("secret").GetString()!;
        var listed = await client.GetJsonAsync(WebhooksPath);
        var read = await client.GetJsonAsync($"{WebhooksPath}/{id}");
        using var changed = await client.PutAsync($"{WebhooksPath}/{id}", Bodies.Json(JsonSerializer.Serialize(new
        {
            url = "http://127.0.0.1:9/second",
            events = new[] { "analysis.failed", "budget.reached" },
            description = "changed",
            enabled = false,
        })));
        using var rotated = await client.PostAsync($"{WebhooksPath}/{id}/rotate-secret", null);
        using var deleted = await client.DeleteAsync($"{WebhooksPath}/{id}");
        using var readAfter = await client.GetAsync($"{WebhooksPath}/{id}");
        using var deletedAgain = await client.DeleteAsync($"{WebhooksPath}/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{WebhooksPath}/{id}", created.Headers.Location?.ToString());
        Assert.StartsWith("wh_", id);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.Equal(["analysis.completed"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(id, listed.EnumerateArray().Single().GetProperty("id").GetString());
        Assert.False(listed[0].TryGetProperty("secret", out _), "a list never shows the secret");
        Assert.False(read.TryGetProperty("secret", out _), "a read never shows the secret");
        Assert.Equal("test receiver", read.GetProperty("description").GetString());

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.ReadJsonAsync();
        Assert.Equal("http://127.0.0.1:9/second", after.GetProperty("url").GetString());
        Assert.Equal(["analysis.failed", "budget.reached"], after.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("changed", after.GetProperty("description").GetString());
        Assert.False(after.GetProperty("enabled").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.ReadJsonAsync()).GetProperty("secret").GetString();
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", newSecret);
        Assert.NotEqual(secret, newSecret);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await readAfter.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await deletedAgain.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Another_tenants_webhook_is_not_found()
    {
        var (_, owner) = await node.NewTenantAsync();
        var (_, stranger) = await node.NewTenantAsync();
        var id = (await owner.CreateWebhookAsync(Receiver, "analysis.completed")).GetProperty("id").GetString();

        using var get = await stranger.GetAsync($"{WebhooksPath}/{id}");
        using var put = await stranger.PutAsync($"{WebhooksPath}/{id}", Bodies.Json("""{"enabled":false}"""));
        using var test = await stranger.PostAsync($"{WebhooksPath}/{id}/test", null);
        using var rotate = await stranger.PostAsync($"{WebhooksPath}/{id}/rotate-secret", null);
        using var log = await stranger.GetAsync($"{WebhooksPath}/{id}/deliveries");
        using var delete = await stranger.DeleteAsync($"{WebhooksPath}/{id}");
        var theirs = await stranger.GetJsonAsync(WebhooksPath);

        foreach (var response in new[] { get, put, test, rotate, log, delete })
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
        Assert.Equal(0, theirs.GetArrayLength());
        Assert.True((await owner.GetJsonAsync($"{WebhooksPath}/{id}")).GetProperty("enabled").GetBoolean(), "the owner's webhook is untouched");
    }

    [Fact]
    public async Task A_tenant_may_register_a_bounded_number_of_webhooks()
    {
        var (_, client) = await node.NewTenantAsync();
        for (var i = 0; i < WebhookNode.MaxWebhooks; i++)
        {
            await client.CreateWebhookAsync($"{Receiver}/{i}", "analysis.completed");
        }

        using var oneTooMany = await client.PostAsync(WebhooksPath, Bodies.Json(Body($"{Receiver}/last", "analysis.completed")));

        var problem = await oneTooMany.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "limit_reached");
        Assert.Contains(WebhookNode.MaxWebhooks.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString());
        Assert.Equal(WebhookNode.MaxWebhooks, (await client.GetJsonAsync(WebhooksPath)).GetArrayLength());
    }

    [Fact]
    public async Task Changing_webhooks_needs_the_admin_scope_and_reading_them_does_not()
    {
        var (tenant, admin) = await node.NewTenantAsync();
        var id = (await admin.CreateWebhookAsync(Receiver, "analysis.completed")).GetProperty("id").GetString();
        var reader = await node.NewClientAsync(tenant, Scopes.AnalysesRead, Scopes.AnalysesWrite);

        using var create = await reader.PostAsync(WebhooksPath, Bodies.Json(Body(Receiver, "analysis.completed")));
        using var delete = await reader.DeleteAsync($"{WebhooksPath}/{id}");
        using var secret = await reader.GetAsync($"{WebhooksPath}/callback-secret");
        var listed = await reader.GetJsonAsync(WebhooksPath);
        var log = await reader.GetJsonAsync($"{WebhooksPath}/{id}/deliveries");

        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await delete.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await secret.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(1, listed.GetArrayLength());
        Assert.Equal(0, log.GetArrayLength());
    }

    [Theory]
    [InlineData("""{"url":"https://hooks.example.test/a","events":["analysis.started"]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.test/a","events":[]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.test/a"}""", "events")]
    [InlineData("""{"url":"ftp://hooks.example.test/a","events":["analysis.completed"]}""", "url")]
    [InlineData("""{"url":"/relative","events":["analysis.completed"]}""", "url")]
    [InlineData("""{"events":["analysis.completed"]}""", "url")]
    public async Task A_webhook_with_unknown_events_or_a_bad_url_is_refused(string body, string field)
    {
        var (_, client) = await node.NewTenantAsync();

        using var response = await client.PostAsync(WebhooksPath, Bodies.Json(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}': {problem}");
    }

    [Fact]
    public async Task Budget_reached_is_accepted_in_a_subscription()
    {
        var (_, client) = await node.NewTenantAsync();

        var webhook = await client.CreateWebhookAsync(Receiver, "budget.reached", "analysis.failed");

        Assert.Equal(["budget.reached", "analysis.failed"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_callback_secret_is_kept_until_rotated()
    {
        var (_, client) = await node.NewTenantAsync();

        var first = await client.GetJsonAsync($"{WebhooksPath}/callback-secret");
        var again = await client.GetJsonAsync($"{WebhooksPath}/callback-secret");
        using var rotate = await client.PostAsync($"{WebhooksPath}/callback-secret/rotate", null);
        var afterRotation = await client.GetJsonAsync($"{WebhooksPath}/callback-secret");

        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", first.GetProperty("secret").GetString());
        Assert.Equal(first.GetProperty("secret").GetString(), again.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var rotated = (await rotate.ReadJsonAsync()).GetProperty("secret").GetString();
        Assert.NotEqual(first.GetProperty("secret").GetString(), rotated);
        Assert.Equal(rotated, afterRotation.GetProperty("secret").GetString());
    }
}
