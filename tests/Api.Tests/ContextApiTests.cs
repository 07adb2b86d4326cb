using Actors.Api.Auth;
using Actors.Api.Tests.Audit;

namespace Actors.Api.Tests;

/// <summary><c>/api/v1/context</c>: the tenant's business context, set by an admin, bounded, audited, the tenant's own.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class ContextApiTests(ActorsNode node)
{
    private const string Context = "/api/v1/context";

    private static string Body(int goals = 2, string industry = "Retail") => JsonSerializer.Serialize(new
    {
        industry,
        goals = Enumerable.Range(1, goals).Select(i => $"Goal {i}").ToArray(),
        kpis = new[] { new { name = "AOV", definition = "Revenue divided by orders." } },
        glossary = new[] { new { term = "Store", meaning = "A physical shop." } },
    });

    private async Task<HttpClient> AdminOfNewTenantAsync(string tenant) =>
        await node.NewTenantClientAsync(tenant, Scopes.Admin, Scopes.AnalysesRead);

    [Fact]
    public async Task An_admin_sets_the_context_reads_it_back_and_the_change_is_audited()
    {
        var tenant = "ctx" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await AdminOfNewTenantAsync(tenant);
        var empty = await admin.GetJsonAsync(Context);
        var requestId = AuditCalls.NewRequestId();

        using var put = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, Context) { Content = Bodies.Json(Body()) }.WithRequestId(requestId));
        var read = await admin.GetJsonAsync(Context);

        Assert.Equal(JsonValueKind.Null, empty.GetProperty("industry").ValueKind);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Retail", read.GetProperty("industry").GetString());
        Assert.Equal(["Goal 1", "Goal 2"], read.GetProperty("goals").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("Revenue divided by orders.", read.GetProperty("kpis")[0].GetProperty("definition").GetString());
        Assert.Equal("Store", read.GetProperty("glossary")[0].GetProperty("term").GetString());
        Assert.Equal(JsonValueKind.String, read.GetProperty("updated_at").ValueKind);
        var entry = await admin.WaitForEntryAsync(requestId, "&action=context.put");
        Assert.Equal("success", entry.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Another_tenant_sees_only_its_own_context()
    {
        var tenant = "ctx" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await AdminOfNewTenantAsync(tenant);
        using var put = await admin.PutAsync(Context, Bodies.Json(Body(industry: "Logistics")));

        var other = await node.Other.GetJsonAsync(Context);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.NotEqual("Logistics", other.TryGetProperty("industry", out var industry) ? industry.GetString() : null);
    }

    [Fact]
    public async Task Setting_the_context_needs_the_admin_scope()
    {
        using var response = await node.Other.PutAsync(Context, Bodies.Json(Body()));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_context_past_its_bounds_is_refused_naming_each_field()
    {
        var tenant = "ctx" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await AdminOfNewTenantAsync(tenant);
        var tooMany = Body(goals: 11);
        var tooLong = JsonSerializer.Serialize(new { industry = new string('x', 101), goals = new[] { "" } });

        using var many = await admin.PutAsync(Context, Bodies.Json(tooMany));
        using var longOne = await admin.PutAsync(Context, Bodies.Json(tooLong));

        var manyProblem = await many.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(manyProblem.GetProperty("errors").TryGetProperty("goals", out _));
        var longProblem = await longOne.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(longProblem.GetProperty("errors").TryGetProperty("industry", out _));
        Assert.True(longProblem.GetProperty("errors").TryGetProperty("goals[0]", out _));
        Assert.Equal(JsonValueKind.Null, (await admin.GetJsonAsync(Context)).GetProperty("industry").ValueKind);
    }
}
