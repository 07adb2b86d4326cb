using System.Net.Http;
using Actors.Api.Auth;
using Actors.Api.Tests.Llm;
using Actors.Grains.Tests.Llm;
using Actors.Llm;
using Actors.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// A tenant's LLM endpoint used as a way into the operator's network (SSRF), on a node that keeps
/// <c>Actors:Llm:AllowPrivateEndpoints</c> off: the check at registration is not the only one.
/// </summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class LlmConnectGuardTests(ActorsNode node)
{
    [Fact]
    public async Task A_stored_tenant_endpoint_that_now_resolves_to_loopback_is_refused_as_the_call_connects()
    {
        await using var inside = await FakeLlmServer.StartAsync();
        inside.Fallback = FakeReply.Answer("The data has 3 rows.");
        var tenant = "ssrf-" + Guid.NewGuid().ToString("N")[..12];
        using var client = await node.NewTenantClientAsync(tenant, Scopes.AnalysesWrite, Scopes.AnalysesRead);
        // As if the endpoint was public when it was registered and its name now points inside (DNS rebinding).
        await node.Cluster.GetGrain<ITenantProviders>(tenant).Put(new TenantLlmSettings(
            [new ProviderEntry("mine", ProviderEntry.OpenAi, inside.OpenAiEndpoint, "gpt-test", null, null, null)], null));

        var jobId = await client.SubmitAndCompleteAsync(Bodies.CsvWithoutAgents(Bodies.SmallCsv));
        var report = await client.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");

        Assert.Equal(0, inside.RequestCount);
        Assert.Equal("statistical", report.GetProperty("provenance").GetProperty("engine").GetString());
        var tier = report.GetProperty("provenance").GetProperty("narrative").GetProperty("tiers")[0];
        Assert.Equal(ProviderCall.TargetNotAllowed, tier.GetProperty("outcome").GetString());
        Assert.DoesNotContain("127.0.0.1", report.ToString());
    }

    [Fact]
    public void The_tenants_LLM_client_checks_each_address_it_connects_to_follows_no_redirect_and_uses_no_proxy()
    {
        using var handler = node.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(ChatClients.HttpClientName);

        var sockets = Innermost(handler);

        Assert.NotNull(sockets.ConnectCallback);
        Assert.False(sockets.AllowAutoRedirect);
        Assert.False(sockets.UseProxy);
    }

    private static SocketsHttpHandler Innermost(HttpMessageHandler handler)
    {
        for (var h = handler; ; h = ((DelegatingHandler)h).InnerHandler!)
        {
            if (h is SocketsHttpHandler sockets)
            {
                return sockets;
            }
            Assert.IsAssignableFrom<DelegatingHandler>(h);
        }
    }
}

/// <summary>
/// What a tenant's endpoint can make the node do or tell, on a node that lets tenants use loopback
/// endpoints (the fakes listen there): no redirects followed, no remote text shown back, no stored
/// key sent to an endpoint it was not given for.
/// </summary>
public sealed class LlmEndpointTests(LlmNode node) : IClassFixture<LlmNode>
{
    private const string Secret = "sk-tenant-secret-for-the-first-endpoint";

    private static string NewTenant() => "llm-" + Guid.NewGuid().ToString("N")[..12];

    private static StringContent Chain(string endpoint, string? apiKey) => Bodies.Json(JsonSerializer.Serialize(new
    {
        chain = new[] { apiKey is null
            ? (object)new { name = "mine", kind = "openai", endpoint, model = "gpt-test" }
            : new { name = "mine", kind = "openai", endpoint, model = "gpt-test", api_key = apiKey } },
    }));

    private static async Task<JsonElement> ReportAsync(HttpClient client)
    {
        var jobId = await client.SubmitAndCompleteAsync(Bodies.CsvWithoutAgents(Bodies.SmallCsv));
        return await client.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
    }

    [Fact]
    public async Task A_redirect_from_a_tenants_endpoint_is_not_followed()
    {
        await using var first = await FakeLlmServer.StartAsync();
        await using var elsewhere = await FakeLlmServer.StartAsync();
        first.Fallback = FakeReply.Redirect(elsewhere.OpenAiEndpoint + "/chat/completions");
        elsewhere.Fallback = FakeReply.Answer("The data has 3 rows.");
        using var client = await node.NewTenantClientAsync(NewTenant());
        using var put = await client.PutAsync("/api/v1/providers", Chain(first.OpenAiEndpoint, Secret));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var report = await ReportAsync(client);

        Assert.Equal(1, first.RequestCount);
        Assert.Equal(0, elsewhere.RequestCount);
        Assert.Equal("http_307", report.GetProperty("provenance").GetProperty("narrative").GetProperty("tiers")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task What_a_failing_endpoint_answers_never_comes_back_to_the_tenant()
    {
        await using var failing = await FakeLlmServer.StartAsync();
        failing.Fallback = FakeReply.Status(HttpStatusCode.InternalServerError); // its body says "fake 500"
        using var client = await node.NewTenantClientAsync(NewTenant());
        using var put = await client.PutAsync("/api/v1/providers", Chain(failing.OpenAiEndpoint, null));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var report = await ReportAsync(client);
        var providers = await Wait.Until(() => client.GetJsonAsync("/api/v1/providers"),
            p => p.GetProperty("chain")[0].GetProperty("last_error").ValueKind == JsonValueKind.Object, "the entry's last error");

        var tier = report.GetProperty("provenance").GetProperty("narrative").GetProperty("tiers")[0];
        Assert.Equal("http_500", tier.GetProperty("outcome").GetString());
        Assert.Equal("http_500: HTTP 500", tier.GetProperty("error").GetString());
        Assert.Equal("http_500: HTTP 500", providers.GetProperty("chain")[0].GetProperty("last_error").GetProperty("message").GetString());
        Assert.DoesNotContain("fake 500", report.ToString());
        Assert.DoesNotContain("fake 500", providers.ToString());
    }

    [Fact]
    public async Task An_entry_re_sent_with_another_endpoint_and_no_api_key_does_not_take_its_stored_key_there()
    {
        await using var first = await FakeLlmServer.StartAsync();
        await using var second = await FakeLlmServer.StartAsync();
        second.Fallback = FakeReply.Answer("The data has 3 rows.");
        using var client = await node.NewTenantClientAsync(NewTenant());
        using var withKey = await client.PutAsync("/api/v1/providers", Chain(first.OpenAiEndpoint, Secret));
        using var sameEndpoint = await client.PutAsync("/api/v1/providers", Chain(first.OpenAiEndpoint, null));
        Assert.True((await sameEndpoint.ReadJsonAsync()).GetProperty("chain")[0].GetProperty("has_api_key").GetBoolean(), "the key is kept while the endpoint stays");

        using var moved = await client.PutAsync("/api/v1/providers", Chain(second.OpenAiEndpoint, null));

        var problem = await moved.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("chain[0].api_key", out _), problem.ToString());
        var unchanged = await client.GetJsonAsync("/api/v1/providers");
        Assert.Equal(first.OpenAiEndpoint, unchanged.GetProperty("chain")[0].GetProperty("endpoint").GetString());

        using var withoutKey = await client.PutAsync("/api/v1/providers", Chain(second.OpenAiEndpoint, ""));
        var set = await withoutKey.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, withoutKey.StatusCode);
        Assert.False(set.GetProperty("chain")[0].GetProperty("has_api_key").GetBoolean());
        await ReportAsync(client);
        Assert.NotEmpty(second.Authorizations);
        Assert.All(second.Authorizations, a => Assert.DoesNotContain(Secret, a));
    }
}
