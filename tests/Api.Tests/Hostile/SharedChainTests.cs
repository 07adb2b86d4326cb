using Actors.Api.Tests.Audit;
using Actors.Api.Tests.Llm;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// A tenant against the operator and the other tenants through the operator's global LLM chain: its
/// budget, its breaker and buckets, what it shows, and a tenant named like its owner.
/// </summary>
public sealed class SharedChainTests(LlmNode node) : IClassFixture<LlmNode>
{
    private const string Global = "openai:gpt-test";

    private static string NewTenant() => "shared-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<JsonElement> ReportAsync(HttpClient client)
    {
        // The cache is per tenant; off, so every job asks the provider.
        var jobId = await client.SubmitAndCompleteAsync("""{"type":"data_interpretation","csv":"x,y\n1,2\n2,4\n3,7\n","options":{"llm_cache":false}}""");
        return await client.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
    }

    private static string Engine(JsonElement report) => report.GetProperty("provenance").GetProperty("engine").GetString()!;

    private static bool NullOrAbsent(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>Makes the global provider fail one job of a new tenant, which opens that tenant's breaker (one failure opens it on this node).</summary>
    private async Task<HttpClient> TenantThatTrippedTheGlobalChainAsync()
    {
        node.Global.Fallback = FakeReply.Status(HttpStatusCode.InternalServerError);
        var client = await node.NewTenantClientAsync(NewTenant());
        var report = await ReportAsync(client);
        Assert.Equal("statistical", Engine(report));
        await Eventually.Until(() => client.GetJsonAsync("/api/v1/providers"),
            p => p.GetProperty("chain")[0].GetProperty("breaker").GetProperty("state").GetString() == "open", "the tripping tenant's view of the global entry to be open");
        return client;
    }

    [Fact]
    public async Task A_tenant_admin_can_lower_but_not_raise_the_operators_budget_for_the_global_chain()
    {
        using var client = await node.NewTenantClientAsync(NewTenant());

        using var raise = await client.PutAsync("/api/v1/providers", Bodies.Json("""{"chain":[],"monthly_budget_usd":1000000}"""));
        var raised = await raise.ReadJsonAsync();
        using var lower = await client.PutAsync("/api/v1/providers", Bodies.Json("""{"chain":[],"monthly_budget_usd":0.25}"""));
        var lowered = await lower.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        Assert.Equal("global", raised.GetProperty("source").GetString());
        Assert.Equal(LlmNode.OperatorBudgetUsd, raised.GetProperty("monthly_budget_usd").GetDecimal());
        Assert.Equal(0.25m, lowered.GetProperty("monthly_budget_usd").GetDecimal());
    }

    [Fact]
    public async Task One_tenant_opening_the_global_chains_breaker_leaves_it_closed_for_the_others()
    {
        using var tripped = await TenantThatTrippedTheGlobalChainAsync();
        node.Global.Fallback = FakeReply.Answer("The data has 3 rows.");
        using var other = await node.NewTenantClientAsync(NewTenant());

        var providers = await other.GetJsonAsync("/api/v1/providers");
        var report = await ReportAsync(other);

        Assert.Equal("closed", providers.GetProperty("chain")[0].GetProperty("breaker").GetProperty("state").GetString());
        Assert.Equal(Global, Engine(report));
    }

    [Fact]
    public async Task A_tenant_sees_neither_the_global_chains_endpoint_nor_its_error_texts()
    {
        using var client = await TenantThatTrippedTheGlobalChainAsync();

        var providers = await client.GetJsonAsync("/api/v1/providers");
        var report = await ReportAsync(client);

        var entry = providers.GetProperty("chain")[0];
        Assert.Equal("openai", entry.GetProperty("name").GetString());
        Assert.True(NullOrAbsent(entry, "endpoint"), entry.ToString());
        Assert.True(NullOrAbsent(entry, "last_error"), entry.ToString());
        // circuit_open, or http_500 again where this silo's health view had not caught up yet: either way without its text.
        var tier = report.GetProperty("provenance").GetProperty("narrative").GetProperty("tiers")[0];
        Assert.True(NullOrAbsent(tier, "error"), tier.ToString());
        Assert.DoesNotContain(node.Global.BaseUrl, providers.ToString() + report);
    }

    [Fact]
    public async Task A_tenant_named_global_cannot_open_the_operators_circuit_with_an_entry_named_like_the_global_one()
    {
        await using var failing = await FakeLlmServer.StartAsync();
        using var named = await node.NewTenantClientAsync("global");
        using var put = await named.PutAsync("/api/v1/providers", Bodies.Json(
            $$"""{"chain":[{"name":"openai","kind":"openai","endpoint":"{{failing.OpenAiEndpoint}}","model":"gpt-test"}]}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("statistical", Engine(await ReportAsync(named)));
        await Eventually.Until(() => named.GetJsonAsync("/api/v1/providers"),
            p => p.GetProperty("chain")[0].GetProperty("breaker").GetProperty("state").GetString() == "open", "tenant global's own breaker to be open");
        node.Global.Fallback = FakeReply.Answer("The data has 3 rows.");
        using var other = await node.NewTenantClientAsync(NewTenant());

        var report = await ReportAsync(other);

        Assert.Equal(Global, Engine(report));
    }

    [Fact]
    public async Task Setting_the_chain_is_audited_without_its_key()
    {
        using var client = await node.NewTenantClientAsync(NewTenant());
        var requestId = AuditCalls.NewRequestId();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/providers")
        {
            Content = Bodies.Json($$"""{"chain":[{"name":"mine","kind":"openai","endpoint":"{{node.TenantProvider.OpenAiEndpoint}}","model":"gpt-test","api_key":"sk-audited-never-logged"}]}"""),
        }.WithRequestId(requestId);
        using var put = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var entry = await client.WaitForEntryAsync(requestId, "&action=providers.put");

        Assert.Equal("providers.put", entry.GetProperty("action").GetString());
        Assert.Equal("success", entry.GetProperty("outcome").GetString());
        Assert.DoesNotContain("sk-audited-never-logged", entry.ToString());
    }
}
