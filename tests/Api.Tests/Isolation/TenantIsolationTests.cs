using System.Collections.Concurrent;
using Actors.Api.Tests.Audit;

namespace Actors.Api.Tests.Isolation;

/// <summary>
/// A hundred tenants submit at once; then every tenant tries every other tenant's job id, and reads its
/// own job list and audit log. Every foreign id is 404 and no list or log holds anything of another
/// tenant: zero leaks. Every (caller, owner) pair is probed on all four job endpoints (status,
/// result, events, cancel): 39,600 requests.
/// </summary>
public sealed class TenantIsolationTests(IsolationNode node, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<IsolationNode>
{
    private const int InFlight = 48;

    [Fact]
    public async Task No_tenant_can_see_touch_or_learn_of_another_tenants_jobs_results_events_or_audit()
    {
        var tenants = node.Tenants;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(tenants.Select(async t =>
        {
            using var response = await t.Client.SendAsync(t.Request(HttpMethod.Post, ApiCalls.Analyses, Bodies.Json(Bodies.Csv(Bodies.SmallCsv))));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{t.Id}: submit answered {(int)response.StatusCode}: {body}");
            t.JobId = JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetString();
        }));
        await Task.WhenAll(tenants.Select(t => t.Client.WaitForStatusAsync(t.JobId!, "completed")));

        output.WriteLine($"{tenants.Count} tenants submitted and completed in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();

        // Every ordered pair (caller, owner) with caller != owner, on every endpoint.
        string[] endpoints = ["status", "result", "events", "cancel"];
        var probes = (from c in Enumerable.Range(0, tenants.Count)
                      from o in Enumerable.Range(0, tenants.Count)
                      where c != o
                      from endpoint in endpoints
                      select (caller: tenants[c], owner: tenants[o], endpoint)).ToList();
        Assert.Equal(tenants.Count * (tenants.Count - 1) * endpoints.Length, probes.Count);
        var leaks = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (probe, _) =>
        {
            var (caller, owner, endpoint) = probe;
            var path = $"{ApiCalls.Analyses}/{owner.JobId}";
            using var request = endpoint switch
            {
                "status" => caller.Request(HttpMethod.Get, path),
                "result" => caller.Request(HttpMethod.Get, $"{path}/result"),
                "events" => caller.Request(HttpMethod.Get, $"{path}/events"),
                _ => caller.Request(HttpMethod.Delete, path),
            };
            using var response = await caller.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || !body.Contains("\"not_found\"", StringComparison.Ordinal)
                || body.Contains(owner.Id, StringComparison.Ordinal))
            {
                leaks.Add($"{caller.Id} {endpoint} of {owner.Id}'s {owner.JobId}: {(int)response.StatusCode} {body}");
            }
        });
        output.WriteLine($"{probes.Count} cross-tenant probes in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        Assert.True(leaks.IsEmpty, $"{leaks.Count} cross-tenant answers were not a plain 404; first: {leaks.FirstOrDefault()}");

        // Nothing was cancelled by another tenant, and each list holds its own job only.
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (t, _) =>
        {
            var status = await t.Client.StatusAsync(t.JobId!);
            Assert.Equal("completed", status.GetProperty("status").GetString());
            var list = await t.Client.GetJsonAsync(ApiCalls.Analyses);
            Assert.Equal([t.JobId], list.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("job_id").GetString()));
        });

        // Each audit log holds exactly the tenant's own calls: its submit and its refused cancels.
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (t, _) =>
        {
            var expected = 1 + probes.Count(p => p.caller == t && p.endpoint == "cancel");
            var audit = await Eventually.Until(() => t.Client.GetJsonAsync($"{AuditCalls.Audit}?limit=500"),
                page => page.GetProperty("items").GetArrayLength() >= expected, $"{t.Id}'s audit log to hold {expected} entries");
            var entries = audit.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(expected, entries.Count);
            Assert.All(entries, e =>
            {
                Assert.Equal(t.Id, e.GetProperty("tenant_id").GetString());
                Assert.Equal(t.Actor, e.GetProperty("actor").GetString());
                Assert.StartsWith(t.RequestIdPrefix, e.GetProperty("request_id").GetString(), StringComparison.Ordinal);
            });
            var submit = Assert.Single(entries, e => e.GetProperty("action").GetString() == "analysis.submit");
            Assert.Equal($"{ApiCalls.Analyses}/{t.JobId}", submit.GetProperty("resource").GetString());
            Assert.All(entries.Where(e => e.GetProperty("action").GetString() == "analysis.cancel"),
                e => Assert.Equal(("rejected", 404), (e.GetProperty("outcome").GetString(), e.GetProperty("status").GetInt32())));
        });
        output.WriteLine($"Lists and audit logs of {tenants.Count} tenants checked in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
