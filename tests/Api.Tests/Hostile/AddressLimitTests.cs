using Actors.Api.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// One address's requests are limited before authentication: past its burst a flood of made-up keys
/// gets 429 <c>rate_limited</c>, not 401s that each cost a key lookup; probes are not limited; and
/// <c>X-Forwarded-For</c> names the client only when the connection comes from a configured proxy.
/// </summary>
public sealed class AddressLimitTests
{
    private const int Burst = 5;

    // A burst of 5 and one more an hour: no bucket refills while a test runs, so exactly 5 get through.
    private static Task<TestNode> NodeAsync(params string[] more) => TestNode.StartAsync(
    [
        "--Serilog:MinimumLevel:Default=Warning",
        "--Actors:Api:ClientAddresses:PermitsPerPeriod=1",
        "--Actors:Api:ClientAddresses:Period=01:00:00",
        $"--Actors:Api:ClientAddresses:Burst={Burst}",
        .. more,
    ]);

    [Fact]
    public async Task A_flood_of_unknown_keys_from_one_address_is_refused_before_any_key_is_looked_up_and_probes_still_answer()
    {
        await using var node = await NodeAsync();
        using var client = node.NewClient(null, TimeSpan.FromSeconds(30));
        var grants = node.Services.GetRequiredService<GrantCache>();
        var cachedBefore = grants.Count;

        var statuses = new List<int>();
        for (var i = 0; i < Burst + 3; i++)
        {
            using var response = await SendAsync(client);
            statuses.Add((int)response.StatusCode);
        }
        using var refused = await SendAsync(client);

        Assert.Equal([.. Enumerable.Repeat(401, Burst), .. Enumerable.Repeat(429, 3)], statuses);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("address", problem.GetProperty("scope").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal((int)retryAfter!.Value.TotalSeconds, problem.GetProperty("retry_after").GetInt32());
        // Only the admitted requests were looked up (each unknown key is remembered as unknown): the refused ones cost nothing.
        Assert.Equal(Burst, grants.Count - cachedBefore);
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task Forwarded_addresses_are_ignored_unless_the_connection_comes_from_a_configured_proxy()
    {
        await using (var untrusting = await NodeAsync())
        {
            using var client = untrusting.NewClient(null, TimeSpan.FromSeconds(30));
            // Each request claims another client; without a configured proxy the claims are ignored and all share one bucket.
            var claimed = await StatusesAsync(client, Enumerable.Range(1, Burst + 1).Select(i => $"203.0.113.{i}"));
            Assert.Equal(429, claimed[^1]);
        }
        await using var trusting = await NodeAsync("--Actors:Api:ClientAddresses:KnownProxies:0=127.0.0.1");
        using var proxied = trusting.NewClient(null, TimeSpan.FromSeconds(30));

        var distinct = await StatusesAsync(proxied, Enumerable.Range(1, Burst + 3).Select(i => $"203.0.113.{i}"));
        var same = await StatusesAsync(proxied, Enumerable.Repeat("198.51.100.7", Burst + 1));

        Assert.All(distinct, status => Assert.Equal(401, status));
        // The same forwarded client again and again is limited like any other.
        Assert.Equal([.. Enumerable.Repeat(401, Burst), 429], same);
    }

    [Fact]
    public async Task A_refused_address_is_admitted_again_once_its_bucket_refills()
    {
        // One request per 200 ms: the refusal comes within a few requests, the refill within a bounded wait.
        await using var node = await TestNode.StartAsync(
        [
            "--Serilog:MinimumLevel:Default=Warning",
            "--Actors:Api:ClientAddresses:PermitsPerPeriod=1",
            "--Actors:Api:ClientAddresses:Period=00:00:00.200",
            "--Actors:Api:ClientAddresses:Burst=1",
        ]);
        using var client = node.NewClient(null, TimeSpan.FromSeconds(30));

        await Wait.Until(async () => { using var r = await SendAsync(client); return r.StatusCode; },
            status => status == HttpStatusCode.TooManyRequests, "a request past the address's one-request burst to be refused");
        await Wait.Until(async () => { using var r = await SendAsync(client); return r.StatusCode; },
            status => status == HttpStatusCode.Unauthorized, "the address's bucket to refill and a request to reach authentication again");
    }

    [Fact]
    public async Task With_rate_limits_turned_off_no_address_is_limited()
    {
        await using var node = await NodeAsync("--Actors:RateLimits:Enabled=false");
        using var client = node.NewClient(null, TimeSpan.FromSeconds(30));

        var statuses = await StatusesAsync(client, Enumerable.Repeat<string?>(null, Burst + 3));

        Assert.All(statuses, status => Assert.Equal(401, status));
    }

    private static async Task<List<int>> StatusesAsync(HttpClient client, IEnumerable<string?> forwardedFor)
    {
        var statuses = new List<int>();
        foreach (var claim in forwardedFor)
        {
            using var response = await SendAsync(client, claim);
            statuses.Add((int)response.StatusCode);
        }
        return statuses;
    }

    /// <summary>A read with a made-up key: 401 once authentication looks at it.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/analyses");
        request.Headers.Add("X-API-Key", TestNode.NewKey());
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request);
    }
}
