using System.Net.Http.Headers;
using Actors.Grains.Tests.Llm;

namespace Actors.Api.Tests.Llm;

/// <summary>The LLM tier over HTTP: a job narrated by the configured provider, the providers and usage endpoints, and a provider down.</summary>
public sealed class LlmApiTests(LlmNode node) : IClassFixture<LlmNode>
{
    // The team's agent steps are off: these jobs test the narrative, whose calls are then the only ones the fake sees.
    private const string Csv = """{"type":"data_interpretation","csv":"x,y,region\n1,2,north\n2,4,south\n3,7,north\n4,8,east\n5,11,south\n","options":{"agents":"false"}}""";
    private const string TenantSecret = "sk-tenant-secret-never-shown";

    private static async Task<JsonElement> ResultAsync(HttpClient client)
    {
        var jobId = await client.SubmitAndCompleteAsync(Csv);
        return await client.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
    }

    [Fact]
    public async Task AJobsReportCarriesTheProvidersGroundedNarrativeAndUsageAndTheUsageEndpointAddsItUp()
    {
        node.Global.Then(FakeReply.ToolCall("get_metric", """{"path":"rows"}""", 80, 10), FakeReply.Answer("The data has 5 rows and 3 columns.", 100, 20));

        var report = await ResultAsync(node.Demo);

        Assert.Equal("The data has 5 rows and 3 columns.", report.GetProperty("summary").GetString());
        Assert.Equal("openai:gpt-test", report.GetProperty("provenance").GetProperty("engine").GetString());
        Assert.Equal("passed", report.GetProperty("narrative").GetProperty("grounding").GetString());
        Assert.Equal(180, report.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(30, report.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        Assert.Equal(0.00075m, report.GetProperty("usage").GetProperty("cost_usd").GetDecimal());
        Assert.All(node.Global.Authorizations, a => Assert.Equal("Bearer " + LlmNode.GlobalKey, a));

        var usage = await node.Demo.GetJsonAsync("/api/v1/usage?group_by=model");
        Assert.Equal(0.00075m, usage.GetProperty("total").GetProperty("cost_usd").GetDecimal());
        var group = Assert.Single(usage.GetProperty("groups").EnumerateArray());
        Assert.Equal("gpt-test", group.GetProperty("key").GetString());
        Assert.Equal(1, group.GetProperty("calls").GetInt64());
        var byAgent = await node.Demo.GetJsonAsync("/api/v1/usage?group_by=agent");
        Assert.Equal("report_writer", byAgent.GetProperty("groups")[0].GetProperty("key").GetString());

        var providers = await node.Demo.GetJsonAsync("/api/v1/providers");
        Assert.Equal("global", providers.GetProperty("source").GetString());
        Assert.Equal(["openai", "statistical"], providers.GetProperty("chain").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.True(providers.GetProperty("chain")[0].GetProperty("has_api_key").GetBoolean());
        Assert.DoesNotContain(LlmNode.GlobalKey, providers.ToString());
    }

    [Fact]
    public async Task WithItsOwnProviderFailingATenantsJobCompletesThroughTheChainAndTheProvidersEndpointShowsTheOpenBreaker()
    {
        node.TenantProvider.Fallback = FakeReply.Status(HttpStatusCode.InternalServerError);
        using var put = await node.Admin.PutAsync("/api/v1/providers", Json($$"""
            {"chain":[{"name":"mine","kind":"openai","endpoint":"{{node.TenantProvider.OpenAiEndpoint}}","model":"gpt-test","api_key":"{{TenantSecret}}","requests_per_minute":60}],
             "monthly_budget_usd":5}
            """));
        var set = await put.ReadJsonAsync();
        Assert.True(put.StatusCode == HttpStatusCode.OK, set.ToString());
        Assert.DoesNotContain(TenantSecret, set.ToString());
        Assert.True(set.GetProperty("chain")[0].GetProperty("has_api_key").GetBoolean());

        var report = await ResultAsync(node.Admin);

        Assert.Equal("statistical", report.GetProperty("provenance").GetProperty("engine").GetString());
        Assert.Equal("all_providers_failed", report.GetProperty("narrative").GetProperty("reason").GetString());
        Assert.Equal("http_500", report.GetProperty("provenance").GetProperty("narrative").GetProperty("tiers")[0].GetProperty("outcome").GetString());
        // The sealed key is opened for the call itself, and only there.
        Assert.Equal("Bearer " + TenantSecret, node.TenantProvider.Authorizations[0]);

        var providers = await Wait.Until(() => node.Admin.GetJsonAsync("/api/v1/providers"),
            p => p.GetProperty("chain")[0].GetProperty("breaker").GetProperty("state").GetString() == "open", "the tenant's provider to show an open breaker");
        var mine = providers.GetProperty("chain")[0];
        Assert.Equal("tenant", providers.GetProperty("source").GetString());
        Assert.Equal(5m, providers.GetProperty("monthly_budget_usd").GetDecimal());
        Assert.Contains("http_500", mine.GetProperty("last_error").GetProperty("message").GetString());
        Assert.Equal(60, mine.GetProperty("limits").GetProperty("requests_per_minute").GetInt32());
        Assert.Equal("statistical", providers.GetProperty("chain")[1].GetProperty("kind").GetString());
        Assert.DoesNotContain(TenantSecret, providers.ToString());

        using var ready = await node.Anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // Counted by chain: unauthenticated /metrics names no tenant and no entry of a tenant's chain.
        var metrics = await Wait.Until(() => node.Anonymous.GetStringAsync("/metrics"),
            text => text.Split('\n').Any(line => line.StartsWith("actors_llm_breaker_open{", StringComparison.Ordinal) && line.Contains("chain=\"tenant\"", StringComparison.Ordinal) && !line.EndsWith(" 0", StringComparison.Ordinal)),
            "/metrics to count the tenant provider's breaker open");
        Assert.DoesNotContain(TenantSecret, metrics);
        Assert.DoesNotContain("llmadmin", metrics);
        Assert.DoesNotContain("mine/", metrics);
    }

    [Fact]
    public async Task AnInvalidChainIsRefusedFieldByField()
    {
        using var response = await node.Admin.PutAsync("/api/v1/providers", Json("""{"chain":[{"name":"Bad Name","kind":"claude","endpoint":"ftp://x","model":""}]}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "chain[0].name", "chain[0].kind", "chain[0].endpoint", "chain[0].model" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
    }

    [Fact]
    public async Task ABadUsageQueryIsRefused()
    {
        using var response = await node.Demo.GetAsync("/api/v1/usage?group_by=colour");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
