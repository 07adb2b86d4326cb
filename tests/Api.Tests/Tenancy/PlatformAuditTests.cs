using Actors.Api.Tests.Audit;

namespace Actors.Api.Tests.Tenancy;

/// <summary>What the platform operator does to a tenant is in that tenant's audit log, under the operator's name.</summary>
[Collection(TenancyNodeCollection.Name)]
public sealed class PlatformAuditTests(TenancyNode node)
{
    [Fact]
    public async Task Creating_a_tenant_issuing_its_key_and_suspending_it_are_in_its_audit_log()
    {
        var tenantId = TenancyCalls.NewTenantId();
        var createId = AuditCalls.NewRequestId();
        using (var create = await node.Platform.SendAsync(new HttpRequestMessage(HttpMethod.Post, TenancyCalls.Tenants)
               { Content = Bodies.Json(JsonSerializer.Serialize(new { id = tenantId, name = "Audited" })) }.WithRequestId(createId)))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        }
        var key = await node.Platform.IssueKeyAsync($"{TenancyCalls.Tenants}/{tenantId}/keys", "admin key", ["admin"]);
        var suspendId = AuditCalls.NewRequestId();
        using (var suspend = await node.Platform.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{TenancyCalls.Tenants}/{tenantId}/suspend").WithRequestId(suspendId)))
        {
            Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        }
        using (var resume = await node.Platform.PostAsync($"{TenancyCalls.Tenants}/{tenantId}/resume", null))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }
        using var admin = node.NewClient(key.Key);

        var created = await admin.WaitForEntryAsync(createId, "&action=tenant.create");
        var suspended = await admin.WaitForEntryAsync(suspendId, "&action=tenant.suspend");
        var issued = await admin.GetJsonAsync("/api/v1/audit?action=key.create");

        Assert.Equal(("platform:bootstrap", tenantId, "success"),
            (created.GetProperty("actor").GetString(), created.GetProperty("tenant_id").GetString(), created.GetProperty("outcome").GetString()));
        Assert.Equal("platform:bootstrap", suspended.GetProperty("actor").GetString());
        Assert.Single(issued.GetProperty("items").EnumerateArray());
    }
}
