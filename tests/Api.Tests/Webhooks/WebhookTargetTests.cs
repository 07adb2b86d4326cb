using static Actors.Api.Tests.Webhooks.WebhookCalls;

namespace Actors.Api.Tests.Webhooks;

/// <summary>
/// On the shared node, which keeps <c>Actors:Webhooks:AllowPrivateTargets</c> off: webhook URLs and
/// callback URLs that reach internal addresses are refused before anything is stored.
/// </summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class WebhookTargetTests(ActorsNode node)
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.20.0.5/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://224.0.0.1/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://[::]/hook")]
    public async Task A_webhook_to_an_internal_address_is_refused(string url)
    {
        using var response = await node.Demo.PostAsync(WebhooksPath, Bodies.Json(Body(url, "analysis.completed")));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "target_not_allowed");
        Assert.Contains("address", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/callback")]
    [InlineData("http://[::ffff:10.0.0.1]/callback")]
    public async Task A_callback_url_to_an_internal_address_is_refused_at_submit(string url)
    {
        using var response = await node.Demo.SubmitAsync(JsonSerializer.Serialize(new { type = "data_interpretation", csv = Bodies.SmallCsv, callback_url = url }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "target_not_allowed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("callback_url", out _), problem.ToString());
    }

    [Fact]
    public async Task A_public_address_is_accepted()
    {
        // Subscribed to an event that is never emitted yet, so nothing is ever sent to the address.
        var created = await node.Demo.CreateWebhookAsync("https://93.184.215.14/hook", "budget.reached");

        using var deleted = await node.Demo.DeleteAsync($"{WebhooksPath}/{created.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }
}
