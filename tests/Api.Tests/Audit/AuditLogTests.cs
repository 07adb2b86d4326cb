using Actors.Api.Auth;

namespace Actors.Api.Tests.Audit;

/// <summary>The audit log over the real API: what is recorded, who may read it, filters, pages and the CSV export.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class AuditLogTests(ActorsNode node)
{
    [Fact]
    public async Task A_submit_is_recorded_with_actor_action_resource_outcome_request_id_ip_and_user_agent()
    {
        var requestId = AuditCalls.NewRequestId();
        using var submit = new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = Bodies.Json(Bodies.Csv(Bodies.SmallCsv)) }.WithRequestId(requestId);
        submit.Headers.UserAgent.ParseAdd("audit-test/1.0");
        using var response = await node.Demo.SendAsync(submit);
        var jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetString();

        var entry = await node.Demo.WaitForEntryAsync(requestId, "&action=analysis.submit");

        Assert.Equal("analysis.submit", entry.GetProperty("action").GetString());
        var keys = await node.Demo.GetJsonAsync("/api/v1/keys");
        var demoKeyId = keys.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("prefix").GetString() == node.DemoKey[..12]).GetProperty("id").GetString();
        // The key's random id, never its characters: the prefix would give away most of a short custom key.
        Assert.Equal($"key:{demoKeyId}", entry.GetProperty("actor").GetString());
        Assert.Equal(ActorsNode.DemoTenant, entry.GetProperty("tenant_id").GetString());
        Assert.Equal($"{ApiCalls.Analyses}/{jobId}", entry.GetProperty("resource").GetString());
        Assert.Equal("success", entry.GetProperty("outcome").GetString());
        Assert.Equal(202, entry.GetProperty("status").GetInt32());
        Assert.Equal("127.0.0.1", entry.GetProperty("client_ip").GetString());
        Assert.Equal("audit-test/1.0", entry.GetProperty("user_agent").GetString());
        Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_refused_submit_and_a_cancel_of_an_unknown_job_are_recorded_as_rejected()
    {
        var refusedId = AuditCalls.NewRequestId();
        using var refused = await node.Demo.SendAsync(new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = Bodies.Json("{\"type\":\"nope\",\"csv\":\"a\\n1\"}") }.WithRequestId(refusedId));
        var cancelId = AuditCalls.NewRequestId();
        var unknownJob = $"job_{Guid.NewGuid():N}";
        using var cancel = await node.Demo.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{ApiCalls.Analyses}/{unknownJob}").WithRequestId(cancelId));

        var refusedEntry = await node.Demo.WaitForEntryAsync(refusedId);
        var cancelEntry = await node.Demo.WaitForEntryAsync(cancelId, "&action=analysis.cancel");

        Assert.Equal(("rejected", 422), (refusedEntry.GetProperty("outcome").GetString(), refusedEntry.GetProperty("status").GetInt32()));
        Assert.Equal(("rejected", 404), (cancelEntry.GetProperty("outcome").GetString(), cancelEntry.GetProperty("status").GetInt32()));
        Assert.Equal($"{ApiCalls.Analyses}/{unknownJob}", cancelEntry.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task A_call_denied_for_a_missing_scope_is_recorded_as_denied_in_the_callers_tenant()
    {
        var tenant = "audit-denied-" + Guid.NewGuid().ToString("N")[..8];
        using var reader = await node.NewTenantClientAsync(tenant, Scopes.AnalysesRead);
        using var admin = await node.NewTenantClientAsync(tenant, Scopes.Admin);
        var requestId = AuditCalls.NewRequestId();

        using var denied = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = Bodies.Json(Bodies.Csv(Bodies.SmallCsv)) }.WithRequestId(requestId));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var entry = await admin.WaitForEntryAsync(requestId);
        Assert.Equal(("denied", 403), (entry.GetProperty("outcome").GetString(), entry.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task Reading_the_audit_log_needs_the_admin_scope()
    {
        using var response = await node.Other.GetAsync(AuditCalls.Audit);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_entries()
    {
        var tenant = "audit-own-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await node.NewTenantClientAsync(tenant, Scopes.Admin, Scopes.AnalysesWrite);
        var theirs = AuditCalls.NewRequestId();
        using var _ = await node.Demo.SendAsync(new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = Bodies.Json("{}") }.WithRequestId(theirs));
        var mine = AuditCalls.NewRequestId();
        using var __ = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = Bodies.Json("{}") }.WithRequestId(mine));
        await node.Demo.WaitForEntryAsync(theirs);

        await admin.WaitForEntryAsync(mine);
        var all = await admin.GetJsonAsync($"{AuditCalls.Audit}?limit=500");

        Assert.All(all.GetProperty("items").EnumerateArray(), e => Assert.Equal(tenant, e.GetProperty("tenant_id").GetString()));
        Assert.Single(all.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_newest_first_and_filters_select_by_action_actor_and_time()
    {
        var tenant = "audit-pages-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await node.NewTenantClientAsync(tenant, Scopes.Admin, Scopes.AnalysesWrite);
        var ids = new List<string>();
        string? actor = null;
        for (var i = 0; i < 3; i++)
        {
            var id = AuditCalls.NewRequestId();
            using var _ = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{ApiCalls.Analyses}/job_{Guid.NewGuid():N}").WithRequestId(id));
            actor = (await admin.WaitForEntryAsync(id)).GetProperty("actor").GetString();
            ids.Add(id);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.GetJsonAsync($"{AuditCalls.Audit}?limit=1&action=analysis.cancel" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("request_id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        var byOtherAction = await admin.GetJsonAsync($"{AuditCalls.Audit}?action=analysis.submit");
        Assert.Empty(byOtherAction.GetProperty("items").EnumerateArray());
        var byOtherActor = await admin.GetJsonAsync($"{AuditCalls.Audit}?actor=user:someone");
        Assert.Empty(byOtherActor.GetProperty("items").EnumerateArray());
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var fromFuture = await admin.GetJsonAsync($"{AuditCalls.Audit}?from={future}");
        Assert.Empty(fromFuture.GetProperty("items").EnumerateArray());
        var untilFuture = await admin.GetJsonAsync($"{AuditCalls.Audit}?to={future}&actor={actor}");
        Assert.Equal(3, untilFuture.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Bad_query_parameters_are_422_validation_failed()
    {
        using var cursor = await node.Demo.GetAsync($"{AuditCalls.Audit}?cursor=not-a-cursor");
        using var limit = await node.Demo.GetAsync($"{AuditCalls.Audit}?limit=5000");
        using var range = await node.Demo.GetAsync($"{AuditCalls.Audit}?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z");

        await cursor.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        await limit.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        await range.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task The_csv_export_streams_every_entry_with_formula_cells_defused_and_no_secret()
    {
        var tenant = "audit-csv-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await node.NewTenantClientAsync(tenant, Scopes.Admin, Scopes.AnalysesWrite);
        var requestId = AuditCalls.NewRequestId();
        using var rotate = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/callback-secret/rotate").WithRequestId(requestId);
        rotate.Headers.TryAddWithoutValidation("User-Agent", "=HYPERLINK(\"http://evil\",\"x\")");
        using var rotated = await admin.SendAsync(rotate);
        var secret = (await rotated.ReadJsonAsync()).GetProperty("secret").GetString()!;
        await admin.WaitForEntryAsync(requestId);

        using var export = await admin.GetAsync($"{AuditCalls.Audit}/export");
        var csv = await export.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,tenant_id,actor,action,resource,outcome,status,request_id,client_ip,user_agent", lines[0]);
        var row = Assert.Single(lines, l => l.Contains(requestId, StringComparison.Ordinal));
        Assert.Contains(",callback_secret.rotate,", row, StringComparison.Ordinal);
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("ak_test_", csv, StringComparison.Ordinal);
    }
}
