using System.Text.RegularExpressions;

namespace Actors.Api.Tests.Tenancy;

/// <summary>The platform operator's tenant API and a tenant admin's key API.</summary>
[Collection(TenancyNodeCollection.Name)]
public sealed partial class TenantAdminApiTests(TenancyNode node)
{
    [Fact]
    public async Task A_created_tenant_has_its_own_limits_over_the_defaults()
    {
        var tenantId = TenancyCalls.NewTenantId();

        var created = await node.CreateTenantAsync(tenantId, new { max_concurrent_jobs = 2, jobs_per_month = 500, requests_per_minute = new { submit = 10 } }, status: "trial");
        var read = await node.Platform.GetJsonAsync($"{TenancyCalls.Tenants}/{tenantId}");

        Assert.Equal(tenantId, read.GetProperty("id").GetString());
        Assert.Equal("trial", read.GetProperty("status").GetString());
        var effective = read.GetProperty("effective_limits");
        Assert.Equal(2, effective.GetProperty("max_concurrent_jobs").GetInt32());
        Assert.Equal(500, effective.GetProperty("jobs_per_month").GetInt32());
        Assert.Equal(10, effective.GetProperty("requests_per_minute").GetProperty("submit").GetInt32());
        // Not overridden: the global defaults (none for reads: the rate limiter's configured total applies).
        Assert.False(effective.GetProperty("requests_per_minute").TryGetProperty("read", out _));
        Assert.Equal(1_000_000, effective.GetProperty("records_per_job").GetInt32());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("limits").GetProperty("records_per_job").ValueKind);
        Assert.Equal(created.GetProperty("created_at").GetString(), read.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task A_taken_tenant_id_is_409_tenant_exists()
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId);

        using var again = await node.Platform.PostJsonAsync(TenancyCalls.Tenants, new { id = tenantId, name = "again" });

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "tenant_exists");
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has/slash")]
    [InlineData("")]
    public async Task A_malformed_tenant_id_is_422(string id)
    {
        using var response = await node.Platform.PostJsonAsync(TenancyCalls.Tenants, new { id, name = "x" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Patch_changes_only_what_it_names()
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId, new { max_concurrent_jobs = 3, jobs_per_month = 7 });

        using var response = await node.Platform.PatchAsync($"{TenancyCalls.Tenants}/{tenantId}",
            Bodies.Json("""{"name":"Renamed","limits":{"jobs_per_month":9},"settings":{"report_language":"fr"}}"""));
        var patched = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed", patched.GetProperty("name").GetString());
        Assert.Equal(3, patched.GetProperty("limits").GetProperty("max_concurrent_jobs").GetInt32());
        Assert.Equal(9, patched.GetProperty("limits").GetProperty("jobs_per_month").GetInt32());
        Assert.Equal("fr", patched.GetProperty("effective_settings").GetProperty("report_language").GetString());
    }

    [Fact]
    public async Task The_tenant_list_includes_created_tenants()
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId);

        var list = await node.Platform.GetJsonAsync($"{TenancyCalls.Tenants}?per_page=250");

        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == tenantId);
        Assert.True(list.GetProperty("total").GetInt32() >= 2);
    }

    [Fact]
    public async Task An_unknown_tenant_is_404_for_reads_changes_and_keys()
    {
        using var get = await node.Platform.GetAsync($"{TenancyCalls.Tenants}/no-such-tenant");
        using var suspend = await node.Platform.PostAsync($"{TenancyCalls.Tenants}/no-such-tenant/suspend", null);
        using var key = await node.Platform.PostJsonAsync($"{TenancyCalls.Tenants}/no-such-tenant/keys", new { name = "k", scopes = new[] { "admin" } });

        await get.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await suspend.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await key.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_issued_key_is_256_random_bits_shown_once_and_listed_without_its_secret()
    {
        var (tenantId, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);

        var listed = await adminClient.GetJsonAsync(TenancyCalls.Keys);
        var platformListed = await node.Platform.GetJsonAsync($"{TenancyCalls.Tenants}/{tenantId}/keys");

        Assert.Matches(LiveKey(), admin.Key);
        var entry = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(admin.Id, entry.GetProperty("id").GetString());
        Assert.Equal(admin.Key[..12], entry.GetProperty("prefix").GetString());
        Assert.Equal("first key", entry.GetProperty("name").GetString());
        Assert.Equal("active", entry.GetProperty("status").GetString());
        Assert.Equal(["admin", "analyses:read", "analyses:write"], entry.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain(admin.Key, listed.GetRawText());
        Assert.DoesNotContain(Actors.Api.Auth.ApiKeyHash.Of(admin.Key), listed.GetRawText());
        Assert.Equal(admin.Id, Assert.Single(platformListed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_keys_last_use_is_reported_without_a_write_per_request()
    {
        var (_, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);
        var used = await adminClient.IssueKeyAsync(TenancyCalls.Keys, "used", ["analyses:read"]);
        var unused = await adminClient.IssueKeyAsync(TenancyCalls.Keys, "unused", ["analyses:read"]);
        using var client = node.NewClient(used.Key);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(ApiCalls.Analyses)).Dispose();
        }

        var listed = await Eventually.Until(() => adminClient.GetJsonAsync(TenancyCalls.Keys),
            l => l.GetProperty("items").EnumerateArray().Any(k => k.GetProperty("id").GetString() == used.Id && k.GetProperty("last_used_at").ValueKind == JsonValueKind.String),
            "the used key's last use to be reported");

        var unusedEntry = listed.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == unused.Id);
        Assert.Equal(JsonValueKind.Null, unusedEntry.GetProperty("last_used_at").ValueKind);
    }

    [Fact]
    public async Task A_tenant_admin_manages_only_its_own_keys()
    {
        var (_, first) = await node.NewTenantWithKeyAsync();
        var (_, second) = await node.NewTenantWithKeyAsync();
        using var firstAdmin = node.NewClient(first.Key);
        using var secondClient = node.NewClient(second.Key);

        using var revokeForeign = await firstAdmin.DeleteAsync($"{TenancyCalls.Keys}/{second.Id}");
        using var stillWorks = await secondClient.GetAsync(ApiCalls.Analyses);
        using var createTenant = await firstAdmin.PostJsonAsync(TenancyCalls.Tenants, new { id = TenancyCalls.NewTenantId(), name = "sneaky" });

        await revokeForeign.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        await createTenant.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Scopes_outside_the_tenant_set_are_not_issued()
    {
        var (_, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);

        using var response = await adminClient.PostJsonAsync(TenancyCalls.Keys, new { name = "escalate", scopes = new[] { "platform:admin" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task The_demo_tenant_is_a_real_tenant_whose_key_is_listed()
    {
        using var demo = node.NewClient(node.DemoKey);

        var tenant = await node.Platform.GetJsonAsync($"{TenancyCalls.Tenants}/demo");
        var keys = await demo.GetJsonAsync(TenancyCalls.Keys);
        var own = await demo.GetJsonAsync("/api/v1/tenant");

        Assert.Equal("active", tenant.GetProperty("status").GetString());
        Assert.Contains(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("prefix").GetString() == node.DemoKey[..12]);
        Assert.Equal("demo", own.GetProperty("id").GetString());
    }

    [GeneratedRegex("^ak_live_[A-Za-z0-9_-]{43}$")]
    private static partial Regex LiveKey();
}
