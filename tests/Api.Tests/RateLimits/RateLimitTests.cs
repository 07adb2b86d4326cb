namespace Actors.Api.Tests.RateLimits;

/// <summary>Rate limits as a client meets them: headers, 429 with Retry-After, and which requests count against what.</summary>
public sealed class RateLimitTests(RateLimitNode fixture) : IClassFixture<RateLimitNode>
{
    /// <summary>A well-formed job id no tenant has: a cheap submit-policy request (DELETE) answering 404.</summary>
    private const string NoSuchJob = ApiCalls.Analyses + "/00000000000000000000000000";

    [Fact]
    public async Task A_limited_response_carries_the_limit_what_remains_and_when_the_bucket_is_full()
    {
        using var client = await fixture.NewKeyAsync("t-headers");

        using var first = await client.GetAsync(ApiCalls.Analyses);
        using var second = await client.GetAsync(ApiCalls.Analyses);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("4", "3", "15"), Headers(first));
        Assert.Equal(("4", "2", "30"), Headers(second));
        Assert.False(second.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task A_key_past_its_submit_limit_gets_429_rate_limited_with_Retry_After_and_nothing_is_submitted()
    {
        using var client = await fixture.NewKeyAsync("t-submit");
        for (var i = 0; i < RateLimitNode.SubmitPerKey; i++)
        {
            await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        }

        using var refused = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("20", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(("3", "0", "60"), Headers(refused));
        Assert.Equal("submit", problem.GetProperty("policy").GetString());
        Assert.Equal("key", problem.GetProperty("scope").GetString());
        Assert.Equal(20, problem.GetProperty("retry_after").GetInt32());
        var list = await client.GetJsonAsync(ApiCalls.Analyses);
        Assert.Equal(RateLimitNode.SubmitPerKey, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task After_Retry_After_has_passed_one_more_request_is_admitted()
    {
        using var client = await fixture.NewKeyAsync("t-refill");
        for (var i = 0; i < RateLimitNode.SubmitPerKey; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(client.DeleteAsync(NoSuchJob)));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusOfAsync(client.DeleteAsync(NoSuchJob)));

        fixture.Clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(client.DeleteAsync(NoSuchJob)));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusOfAsync(client.DeleteAsync(NoSuchJob)));
    }

    [Fact]
    public async Task Each_key_has_its_own_buckets_and_each_policy_its_own()
    {
        using var first = await fixture.NewKeyAsync("t-keys");
        using var second = await fixture.NewKeyAsync("t-keys");
        for (var i = 0; i < RateLimitNode.SubmitPerKey; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(first.DeleteAsync(NoSuchJob)));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusOfAsync(first.DeleteAsync(NoSuchJob)));

        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(second.DeleteAsync(NoSuchJob)));
        using var read = await first.GetAsync(ApiCalls.Analyses);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(("4", "3", "15"), Headers(read));
    }

    [Fact]
    public async Task The_tenant_total_binds_across_its_keys()
    {
        using var first = await fixture.NewKeyAsync("t-total");
        using var second = await fixture.NewKeyAsync("t-total");
        for (var i = 0; i < RateLimitNode.SubmitPerKey; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(first.DeleteAsync(NoSuchJob)));
        }
        for (var i = 0; i < RateLimitNode.SubmitPerTenant - RateLimitNode.SubmitPerKey; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(second.DeleteAsync(NoSuchJob)));
        }

        using var refused = await second.DeleteAsync(NoSuchJob);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("tenant", problem.GetProperty("scope").GetString());
        Assert.Equal("5", refused.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("12", refused.Headers.GetValues("Retry-After").Single());
        // Refused by the tenant, so the key's token was given back: once the tenant has a token again
        // (12 s), the key has one too. Without the refund its third token would still be 8 s away.
        fixture.Clock.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(second.DeleteAsync(NoSuchJob)));
    }

    [Fact]
    public async Task A_tenant_override_replaces_the_default_for_that_tenant()
    {
        using var client = await fixture.NewKeyAsync(RateLimitNode.RoomyTenant);
        for (var i = 0; i < RateLimitNode.RoomySubmitPerKey; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(client.DeleteAsync(NoSuchJob)));
        }

        using var refused = await client.DeleteAsync(NoSuchJob);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("6", refused.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task Admin_endpoints_count_against_the_admin_policy()
    {
        using var client = await fixture.NewKeyAsync("t-admin");
        using var first = await client.GetAsync("/api/v1/webhooks/callback-secret");
        using var second = await client.GetAsync("/api/v1/webhooks/callback-secret");
        using var third = await client.GetAsync("/api/v1/webhooks/callback-secret");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("2", "1", "30"), Headers(first));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task The_event_stream_counts_as_a_read_when_it_opens()
    {
        using var client = await fixture.NewKeyAsync("t-events");
        var job = await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        using var stream = await client.GetAsync($"{ApiCalls.Analyses}/{job}/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal(("4", "3", "15"), Headers(stream));
    }

    [Fact]
    public async Task Requests_refused_by_authentication_and_unlimited_endpoints_carry_no_rate_limit_headers()
    {
        using var anonymous = fixture.Node.NewClient(null, TimeSpan.FromSeconds(30));
        using var unknown = fixture.Node.NewClient(TestNode.NewKey(), TimeSpan.FromSeconds(30));

        using var unauthenticated = await anonymous.GetAsync(ApiCalls.Analyses);
        using var badKey = await unknown.GetAsync(ApiCalls.Analyses);
        using var health = await anonymous.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.All(new[] { unauthenticated, badKey, health }, r => Assert.False(r.Headers.Contains("X-RateLimit-Limit")));
    }

    private static (string Limit, string Remaining, string Reset) Headers(HttpResponseMessage response) =>
        (Single(response, "X-RateLimit-Limit"), Single(response, "X-RateLimit-Remaining"), Single(response, "X-RateLimit-Reset"));

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? values.Single() : $"<no {header}>";

    private static async Task<HttpStatusCode> StatusOfAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }
}
