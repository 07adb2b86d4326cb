using Actors.Api.Analyses;
using Actors.Api.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// What one tenant's key can pile up on a node: open event streams, lookups of made-up keys, cache
/// entries, waiting jobs. Each is bounded and refused with a problem a client can act on.
/// </summary>
public sealed class ExhaustionTests(ExhaustionNode node) : IClassFixture<ExhaustionNode>
{
    private const string TenantEvents = "/api/v1/events";

    [Fact]
    public async Task A_key_holding_its_limit_of_open_streams_is_refused_another_until_one_closes()
    {
        var tenant = NewTenant();
        var client = await node.NewTenantClientAsync(tenant);
        var first = await SseReader.OpenAsync(client, TenantEvents);
        await using var second = await SseReader.OpenAsync(client, TenantEvents);

        using var third = await client.GetAsync(TenantEvents, HttpCompletionOption.ResponseHeadersRead);

        var problem = await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_streams");
        Assert.Equal("key", problem.GetProperty("scope").GetString());
        Assert.Equal(ExhaustionNode.MaxOpenPerKey, problem.GetProperty("limit").GetInt32());
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");

        await first.DisposeAsync();
        var streams = node.Services.GetRequiredService<OpenStreams>();
        await Eventually.Until(() => Task.FromResult(streams.OpenFor(tenant)), open => open == 1, "the closed stream to give its place back");
        await using var again = await SseReader.OpenAsync(client, TenantEvents);
    }

    [Fact]
    public async Task A_tenants_keys_together_are_refused_past_the_tenant_limit_on_every_kind_of_stream()
    {
        var tenant = NewTenant();
        var one = await node.NewTenantClientAsync(tenant);
        var other = await node.NewTenantClientAsync(tenant);
        var gate = Gates.NewId();
        var jobId = await one.SubmitGatedRunningAsync(gate);
        try
        {
            await using var a = await SseReader.OpenAsync(one, TenantEvents);
            await using var b = await SseReader.OpenAsync(one, $"{ApiCalls.Analyses}/{jobId}/events");
            await using var c = await SseReader.OpenAsync(other, TenantEvents);

            using var job = await other.GetAsync($"{ApiCalls.Analyses}/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
            using var answer = await other.PostAsync($"/api/v1/conversations/conv_{Guid.NewGuid():N}/messages", Bodies.Json("""{"text":"What is the trend?"}"""));
            using var whole = await other.PostAsync($"/api/v1/conversations/conv_{Guid.NewGuid():N}/messages?stream=false", Bodies.Json("""{"text":"What is the trend?"}"""));

            var problem = await job.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_streams");
            Assert.Equal("tenant", problem.GetProperty("scope").GetString());
            Assert.Equal("tenant", (await answer.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_streams")).GetProperty("scope").GetString());
            // An answer asked for as JSON is no stream: it is not counted, and this unknown conversation is simply 404.
            await whole.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
        finally
        {
            Gates.Open(gate);
        }
        await one.WaitForStatusAsync(jobId, "completed");
    }

    [Fact]
    public async Task The_same_unknown_key_sent_again_is_answered_from_the_unknown_key_cache()
    {
        var guessed = TestNode.NewKey();
        var client = node.NewClient(guessed);

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(ApiCalls.Analyses);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        // Known grants are not cached on this node (KeyCacheLifetime 0): only the unknown-key cache spares the lookups.
        Assert.Equal(1, node.Lookups.Of(ApiKeyHash.Of(guessed)));
    }

    [Fact]
    public async Task A_flood_of_distinct_made_up_keys_does_not_grow_the_grant_cache_past_its_bound()
    {
        var cache = node.Services.GetRequiredService<GrantCache>();

        foreach (var batch in Enumerable.Range(0, 4 * ExhaustionNode.CacheEntries).Chunk(20))
        {
            await Task.WhenAll(batch.Select(async _ =>
            {
                using var response = await node.NewClient(TestNode.NewKey()).GetAsync(ApiCalls.Analyses);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }));
            Assert.InRange(cache.Count, 0, ExhaustionNode.CacheEntries);
        }
    }

    [Fact]
    public async Task A_tenant_whose_queue_holds_its_limit_of_waiting_jobs_is_refused_another_with_429_queue_full()
    {
        var client = await node.NewTenantClientAsync(NewTenant());
        var gates = Enumerable.Range(0, 1 + ExhaustionNode.MaxQueuedJobs).Select(_ => Gates.NewId()).ToList();
        var jobs = new List<string>();
        try
        {
            jobs.Add(await client.SubmitGatedRunningAsync(gates[0]));
            foreach (var gate in gates.Skip(1))
            {
                jobs.Add(await client.SubmitAcceptedAsync(Bodies.Gated(gate)));
            }

            using var refused = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

            var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "queue_full");
            Assert.Equal(ExhaustionNode.MaxQueuedJobs, problem.GetProperty("limit").GetInt32());
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
            var usage = await client.GetJsonAsync("/api/v1/tenant");
            Assert.Equal(jobs.Count, usage.GetProperty("usage").GetProperty("jobs_submitted").GetInt32());
        }
        finally
        {
            gates.ForEach(Gates.Open);
        }
        foreach (var jobId in jobs)
        {
            await client.WaitForStatusAsync(jobId, "completed");
        }
        await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
    }

    [Fact]
    public async Task A_tenant_has_a_monthly_job_quota_by_default()
    {
        var client = await node.NewTenantClientAsync(NewTenant());

        var tenant = await client.GetJsonAsync("/api/v1/tenant");

        Assert.Equal(100_000, tenant.GetProperty("effective_limits").GetProperty("jobs_per_month").GetInt32());
    }

    private static string NewTenant() => "ex" + Guid.NewGuid().ToString("N")[..12];
}
